import type { Activity, Context, StatementObject, StoredStatement, SubStatement } from '../xapi/xapi.types.js';
import { asArray, isActivity } from './statement-row.js';

/** Every Activity a batch mentions (object, context activities, inside SubStatements), for the Activities resource. */
export function collectActivities(statements: StoredStatement[]): Activity[] {
  const found: Activity[] = [];
  const visit = (object: StatementObject, context: Context | undefined) => {
    if (isActivity(object)) found.push(object);
    else if (object.objectType === 'SubStatement') visit((object as SubStatement).object, (object as SubStatement).context);
    const ca = context?.contextActivities;
    if (ca) for (const list of [ca.parent, ca.grouping, ca.category, ca.other]) found.push(...asArray(list));
  };
  for (const s of statements) visit(s.object, s.context);
  return found;
}
