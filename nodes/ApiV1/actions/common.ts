import type { IExecuteFunctions } from 'n8n-workflow';

import { requireBoolean, requireNumber } from '../../shared/validation';
import { apiV1Client } from '../transport';
import type { ApiV1Client } from '../transport';

export function showFor(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

/** The client of this execution for the chosen Authentication. */
export async function clientFor(this: IExecuteFunctions, itemIndex: number): Promise<ApiV1Client> {
	const authentication = this.getNodeParameter('authentication', itemIndex) as string;
	return await apiV1Client(this, authentication, itemIndex);
}

/** Return All / Limit, checked before any request: undefined = all. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const node = this.getNode();
	const returnAll = requireBoolean(node, 'Return All', this.getNodeParameter('returnAll', itemIndex, false), itemIndex);
	if (returnAll) return undefined;
	return requireNumber(node, 'Limit', this.getNodeParameter('limit', itemIndex, 50), { min: 1, integer: true }, itemIndex);
}
