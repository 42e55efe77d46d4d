import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, showFor } from '../common';

export const description = updateDisplayOptions(showFor('group', 'get'), [groupLocator()] as INodeProperties[]);

/** GET /groups/{groupId}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const client = await clientFor.call(this, i);
	return asObject((await client.request({ method: 'GET', url: `/groups/${groupId}`, itemIndex: i })).body);
}
