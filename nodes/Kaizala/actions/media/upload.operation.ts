import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, showFor } from '../common';

export const binaryProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the input binary field containing the file',
};

export const description = updateDisplayOptions(showFor('media', 'upload'), [binaryProperty]);

/** Uploads the item's binary file as multipart to POST /media; answers Kaizala's media resource. */
export async function uploadBinary(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim();
	const binary = this.helpers.assertBinaryData(i, name);
	const buffer = await this.helpers.getBinaryDataBuffer(i, name);
	const form = new FormData();
	const mimeType = binary.mimeType || 'application/octet-stream';
	form.append('file', new Blob([new Uint8Array(buffer)], { type: mimeType }), binary.fileName ?? 'file');
	const client = await clientFor.call(this, i);
	const answer = asObject((await client.request({ method: 'POST', url: '/media', body: form, itemIndex: i })).body);
	return { ...answer, fileName: binary.fileName, mimeType, fileSize: buffer.length };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await uploadBinary.call(this, i);
}
