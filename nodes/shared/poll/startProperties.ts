/**
 * The Start choice of every polling trigger: from now (nothing old at the first activation) or
 * from a date and time in the past. The cursor is keyed on the choice and on the text of Start
 * Date and Time (see each trigger), so an expression's moving value does not reset it.
 */
import type { INodeProperties } from 'n8n-workflow';

/** `startAt` and `startDateTime`; `dateTimeDescription` says what "at or after" means for the vendor. */
export function pollStartProperties(dateTimeDescription: string): INodeProperties[] {
	return [
		{
			displayName: 'Start',
			name: 'startAt',
			type: 'options',
			options: [
				{ name: 'Now', value: 'now', description: 'Only changes made after the workflow is activated' },
				{ name: 'At a Date and Time', value: 'dateTime', description: 'Also the changes made since a moment in the past' },
			],
			default: 'now',
			description:
				"Where the trigger starts the first time it is activated. Changing this choice (or the text of Start Date and Time) starts it afresh; an expression's changing value does not.",
		},
		{
			displayName: 'Start Date and Time',
			name: 'startDateTime',
			type: 'dateTime',
			default: '',
			required: true,
			description: dateTimeDescription,
			displayOptions: { show: { startAt: ['dateTime'] } },
		},
	];
}
