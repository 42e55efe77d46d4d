import { subscriberChange } from './change';

/** PUT /groups/{groupId}/subscribers/add. */
export const { description, execute } = subscriberChange('add');
