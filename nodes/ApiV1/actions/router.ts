import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/execute/router';
import type { OperationTable } from '../../shared/execute/router';
import * as country from './country';
import * as request from './request';
import * as user from './user';

const operations: OperationTable = {
	country: { getMany: country.getMany },
	user: { create: user.create, get: user.get, getCurrent: user.getCurrent },
	request: { send: request.send },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, operations);
}
