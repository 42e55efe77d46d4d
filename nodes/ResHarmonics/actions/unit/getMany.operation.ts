import { plainList } from '../common';

export const { description, execute } = plainList('unit', 'getMany', '/api/v3/units');
