import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, listOf, normalisePhone, readId, readPhones, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +14155550123, +919876543210',
		description: 'Members to add, in E.164 (+ country code and number), separated by commas',
	},
];

export const description = updateDisplayOptions(showFor('member', 'add'), properties);

/**
 * PUT /groups/{groupId}/members. Kaizala answers `{"result": "true"}`, or `"false"` when it
 * skipped numbers it does not take as E.164; it does not say which, so the members are read
 * back and the numbers not among them are reported as skipped. The item does not fail.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const phones = readPhones.call(this, 'phoneNumbers', 'Phone Numbers', i);
	const client = await clientFor.call(this, i);
	const answer = asObject((await client.request({ method: 'PUT', url: `/groups/${groupId}/members`, body: { members: phones }, itemIndex: i })).body);
	const ok = String(answer.result).toLowerCase() === 'true';
	if (ok) return { result: true, added: phones, skipped: [] };
	const members = listOf((await client.request({ method: 'GET', url: `/groups/${groupId}/members`, itemIndex: i })).body, 'members');
	const present = new Set(
		members.map((m) => normalisePhone(String(m.mobileNumber ?? m.phoneNumber ?? m.phone ?? '')) ?? '').filter(Boolean),
	);
	const skipped = phones.filter((p) => !present.has(p));
	return {
		result: false,
		added: phones.filter((p) => present.has(p)),
		skipped,
		message: `Kaizala skipped ${skipped.length} of ${phones.length} numbers as not E.164: ${skipped.join(', ')}`,
	};
}
