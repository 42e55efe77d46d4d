import type { INodeProperties } from 'n8n-workflow';

import * as sendImage from './sendImage.operation';
import * as upload from './upload.operation';

export { sendImage, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		options: [
			{ name: 'Send Image', value: 'sendImage', description: 'Upload an image and send it to a group', action: 'Send an image' },
			{ name: 'Upload', value: 'upload', description: 'Upload a file and get its media resource', action: 'Upload a file' },
		],
		default: 'sendImage',
	},
	...sendImage.description,
	...upload.description,
];
