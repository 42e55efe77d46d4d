import { plainList } from '../common';

export const { description, execute } = plainList('area', 'getMany', '/api/v3/areas');
