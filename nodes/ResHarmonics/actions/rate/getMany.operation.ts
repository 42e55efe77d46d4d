import { plainList } from '../common';

export const { description, execute } = plainList('rate', 'getMany', '/api/v3/rates');
