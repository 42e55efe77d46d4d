import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions/returnAllOrLimit';
import { requireInstant } from '../../../shared/validation';
import { actionPaging, kaizalaGuard, listOfActions } from '../../transport/paging';
import { clientFor, groupLocator, readId, readLimit, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{
		displayName: 'From',
		name: 'fromDate',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2023-05-01T00:00:00Z or 1682899200000',
		description: 'Only actions created at or after this moment: an ISO timestamp with a time zone, or epoch milliseconds (empty: all)',
	},
	{
		displayName: 'Action Type',
		name: 'actionType',
		type: 'string',
		default: '',
		placeholder: 'e.g. Survey',
		description: 'Only actions of this type (empty: all types)',
	},
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(showFor('action', 'getMany'), properties);

/** GET /groups/{groupId}/actions, paged by fromDate/count/hasMore, duplicates dropped by referenceId. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const limit = readLimit.call(this, i);
	const rawFrom = String(this.getNodeParameter('fromDate', i, '') ?? '').trim();
	const fromDate = /^\d{1,15}$/.test(rawFrom) ? Number(rawFrom) : rawFrom ? Date.parse(requireInstant(this.getNode(), 'From', rawFrom, i)) : 0;
	const actionType = String(this.getNodeParameter('actionType', i, '')).trim();
	const client = await clientFor.call(this, i);
	const paging = actionPaging(async (from, count) => {
		const qs: IDataObject = { fromDate: from, count };
		if (actionType) qs.actionType = actionType;
		const response = await client.request({ method: 'GET', url: `/groups/${groupId}/actions`, qs, itemIndex: i });
		return listOfActions(response.body);
	}, fromDate);
	return await paging.collect({ limit, guard: kaizalaGuard(this.getNode(), i) });
}
