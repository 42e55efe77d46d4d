import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as action from './actions/action';
import * as group from './actions/group';
import * as media from './actions/media';
import * as member from './actions/member';
import * as message from './actions/message';
import { router } from './actions/router';
import * as subscriber from './actions/subscriber';
import { listSearch } from './methods';
import { openedClient } from './transport';

export class Kaizala implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Microsoft Kaizala',
		name: 'kaizala',
		icon: { light: 'file:../../icons/kaizala.svg', dark: 'file:../../icons/kaizala.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Groups, members, messages, media, actions and subscribers of Microsoft Kaizala. Microsoft retired Kaizala (31 August 2023 per press reports; its docs were retired from MicrosoftDocs/kaizala-docs); for organisations that still run it.',
		defaults: { name: 'Microsoft Kaizala' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kaizalaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Action', value: 'action' },
					{ name: 'Group', value: 'group' },
					{ name: 'Media', value: 'media' },
					{ name: 'Member', value: 'member' },
					{ name: 'Message', value: 'message' },
					{ name: 'Subscriber', value: 'subscriber' },
				],
				default: 'message',
			},
			...action.description,
			...group.description,
			...media.description,
			...member.description,
			...message.description,
			...subscriber.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await router.call(this);
		} finally {
			const client = await openedClient(this);
			if (client && (client.stats.throttled > 0 || client.stats.moves > 0)) {
				const s = client.stats;
				this.logger.info(
					`Kaizala: ${s.calls} calls; throttled ${s.throttled} times (HTTP 429), waited ${Math.round(s.waitedMs / 100) / 10} s in total, longest wait ${Math.round(s.longestWaitMs / 100) / 10} s; endpoint moves followed: ${s.moves}`,
				);
			}
		}
	}
}
