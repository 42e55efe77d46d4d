import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'availability',
	operation: 'getBlocks',
	path: '/availability/blocks/byDate',
	paging: 'offset',
	fromDescription: 'First date of the window.',
	toDescription: 'End of the window: blocks overlapping From–To are returned.',
});
