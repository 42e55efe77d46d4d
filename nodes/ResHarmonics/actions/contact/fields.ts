import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCollection } from '../common';

/** The contact fields a user sets (API names). */
export const contactFields: INodeProperties[] = [
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{ displayName: 'Email Address', name: 'emailAddress', type: 'string', placeholder: 'name@email.com', default: '' },
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{ displayName: 'Telephone', name: 'telephone', type: 'string', default: '', placeholder: 'e.g. +44 20 7946 0000' },
];

/** The fields set in collection `name`, trimmed; empty ones left out. */
export function readContactFields(this: IExecuteFunctions, name: string, field: string, i: number): IDataObject {
	const given = readCollection.call(this, name, field, i);
	const out: IDataObject = {};
	for (const p of contactFields) {
		const v = given[p.name];
		if (typeof v === 'string' && v.trim()) out[p.name] = v.trim();
	}
	return out;
}
