/**
 * Building blocks shared by the rezStream operations, so that each operation file states only
 * what is its own: path, paging style and fields.
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions/returnAllOrLimit';
import type { Operation } from '../../shared/execute/router';
import { requireDateOrder, requireInstant, requirePlainDate, requireReturnAllOrLimit } from '../../shared/validation';
import { stayDateFields, updatedSinceField } from '../descriptions/common';
import { rezStreamClient } from '../transport';
import type { ListOptions, RezStreamClient } from '../transport';

export interface OperationModule extends Operation {
	description: INodeProperties[];
}

export function showFor(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

/**
 * The client for one item. `withTenant: false` is for operations where the Tenant option is
 * hidden (n8n refuses to read a hidden resource locator).
 */
export async function clientFor(
	this: IExecuteFunctions,
	itemIndex: number,
	{ withTenant = true }: { withTenant?: boolean } = {},
): Promise<RezStreamClient> {
	const authentication = this.getNodeParameter('authentication', itemIndex) as string;
	const tenant = withTenant
		? (this.getNodeParameter('tenant', itemIndex, '', { extractValue: true }) as string)
		: undefined;
	return await rezStreamClient(this, { authentication, tenant, itemIndex });
}

export function readLimit(this: IExecuteFunctions, itemIndex: number): Pick<ListOptions, 'returnAll' | 'limit'> {
	return requireReturnAllOrLimit(
		this.getNode(),
		this.getNodeParameter('returnAll', itemIndex, false),
		() => this.getNodeParameter('limit', itemIndex, 50),
		itemIndex,
	);
}

export function readStayRange(this: IExecuteFunctions, itemIndex: number): { from: string; to: string } {
	const node = this.getNode();
	const from = requirePlainDate(node, 'From', this.getNodeParameter('from', itemIndex), itemIndex);
	const to = requirePlainDate(node, 'To', this.getNodeParameter('to', itemIndex), itemIndex);
	requireDateOrder(node, 'From', from, 'To', to, itemIndex);
	return { from, to };
}

interface ListSpec {
	resource: string;
	operation: string;
	path: string;
	paging: ListOptions['paging'];
}

/** A list with no inputs but Return All / Limit (properties, units, …). */
export function plainList(spec: ListSpec): OperationModule {
	return {
		description: updateDisplayOptions(showFor(spec.resource, spec.operation), returnAllOrLimit),
		async execute(this: IExecuteFunctions, i: number) {
			const client = await clientFor.call(this, i);
			return await client.list<IDataObject>(spec.path, {}, { ...readLimit.call(this, i), paging: spec.paging, itemIndex: i });
		},
	};
}

/** A list over a window of stay dates (`from`, `to`). */
export function stayDateList(
	spec: ListSpec & { fromDescription: string; toDescription: string; extra?: INodeProperties[] },
): OperationModule {
	return {
		description: updateDisplayOptions(showFor(spec.resource, spec.operation), [
			...stayDateFields(spec.fromDescription, spec.toDescription),
			...(spec.extra ?? []),
			...returnAllOrLimit,
		]),
		async execute(this: IExecuteFunctions, i: number) {
			const range = readStayRange.call(this, i);
			const client = await clientFor.call(this, i);
			return await client.list<IDataObject>(spec.path, range, {
				...readLimit.call(this, i),
				paging: spec.paging,
				itemIndex: i,
			});
		},
	};
}

/** A forward-only cursor list of what changed since a timestamp. */
export function updatedSinceList(spec: ListSpec & { sinceDescription: string }): OperationModule {
	return {
		description: updateDisplayOptions(showFor(spec.resource, spec.operation), [
			updatedSinceField(spec.sinceDescription),
			...returnAllOrLimit,
		]),
		async execute(this: IExecuteFunctions, i: number) {
			const from = requireInstant(this.getNode(), 'Updated Since', this.getNodeParameter('updatedSince', i), i);
			const client = await clientFor.call(this, i);
			return await client.list<IDataObject>(spec.path, { from }, {
				...readLimit.call(this, i),
				paging: spec.paging,
				itemIndex: i,
			});
		},
	};
}
