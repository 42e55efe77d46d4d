import { plainList } from '../common';

export const { description, execute } = plainList('building', 'getMany', '/api/v3/buildings');
