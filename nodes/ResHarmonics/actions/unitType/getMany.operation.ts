import { plainList } from '../common';

export const { description, execute } = plainList('unitType', 'getMany', '/api/v3/unitTypes');
