import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readRecipients, recipientsProperties, showFor } from '../common';
import { checkMessage } from '../message/send.operation';
import { binaryProperty, uploadBinary } from './upload.operation';

const properties: INodeProperties[] = [
	groupLocator(),
	binaryProperty,
	{ displayName: 'Caption', name: 'caption', type: 'string', default: '', description: 'Text sent with the image (at most 4,000 UTF-16 units)' },
	...recipientsProperties,
];

export const description = updateDisplayOptions(showFor('media', 'sendImage'), properties);

/** Uploads the image (POST /media), then sends it: POST /groups/{groupId}/messages with its mediaResource. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const caption = String(this.getNodeParameter('caption', i, ''));
	if (caption) checkMessage.call(this, caption, i);
	const recipients = readRecipients.call(this, i);
	const uploaded = await uploadBinary.call(this, i);
	const mediaResource = uploaded.mediaResource;
	if (typeof mediaResource !== 'string' || !mediaResource) {
		throw new NodeOperationError(this.getNode(), 'Kaizala accepted the upload but answered no mediaResource', { itemIndex: i });
	}
	const body: IDataObject = { mediaResource, ...recipients };
	if (caption) body.message = caption;
	const client = await clientFor.call(this, i);
	const sent = asObject((await client.request({ method: 'POST', url: `/groups/${groupId}/messages`, body, itemIndex: i })).body);
	return { ...sent, mediaResource };
}
