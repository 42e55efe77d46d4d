/**
 * The one item loop for every programmatic node: looks up the operation once, runs it per
 * input item, pairs every output item with its input, and turns failures into error items
 * when the node is set to continue on fail.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

export type OperationResult = IDataObject | IDataObject[];

export interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

/** resource → operation → implementation. Only own properties are looked up. */
export type OperationTable = Record<string, Record<string, Operation>>;

function own<T>(table: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * The json of a Continue On Fail item: the message, and the description that says what to do
 * (for a failed write, whether it may have been applied), as n8n shows them in an error.
 */
export function errorItem(error: unknown): IDataObject {
	if (!(error instanceof Error)) return { error: String(error), message: String(error) };
	const json: IDataObject = { error: error.message, message: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.description = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string' && httpCode) json.httpCode = httpCode;
	return json;
}

export async function routeItems(this: IExecuteFunctions, table: OperationTable): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = own(table, resource);
	const implementation = operations ? own(operations, operation) : undefined;
	if (!implementation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const result = await implementation.execute.call(this, i);
			const json = Array.isArray(result) ? result : [result];
			for (const entry of json) output.push({ json: entry, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: errorItem(error), pairedItem: { item: i } });
				continue;
			}
			if (error instanceof NodeApiError) {
				if (error.context.itemIndex === undefined) error.context.itemIndex = i;
				// The constructor hands back the same instance for a NodeApiError.
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			}
			if (error instanceof NodeOperationError && error.context.itemIndex === undefined) {
				error.context.itemIndex = i;
			}
			// Hands back a NodeOperationError as it is; wraps anything else.
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [output];
}
