import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/execute/router';
import type { OperationTable } from '../../shared/execute/router';
import * as action from './action';
import * as group from './group';
import * as media from './media';
import * as member from './member';
import * as message from './message';
import * as subscriber from './subscriber';

const operations: OperationTable = {
	group: {
		create: group.create,
		get: group.get,
		getMany: group.getMany,
		getSubgroups: group.getSubgroups,
		createSubgroup: group.createSubgroup,
		addSubgroup: group.addSubgroup,
		removeSubgroup: group.removeSubgroup,
	},
	member: { getMany: member.getMany, add: member.add, remove: member.remove, setRole: member.setRole },
	message: { send: message.send },
	media: { upload: media.upload, sendImage: media.sendImage },
	action: { create: action.create, get: action.get, getMany: action.getMany, respond: action.respond },
	subscriber: { add: subscriber.add, remove: subscriber.remove, getMany: subscriber.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, operations);
}
