// "留守和困境儿童关爱活动": the one definition of an activity for children, used by the activity list's filter and by the
// year in review's headline, so the figure and the list it opens count the same rows.
import { type Column, type SQL, sql } from "drizzle-orm";
import { activities, careProjects, facilities } from "#db/schema";

/** The columns the rule reads: the activities table, or an alias of it. */
export type ActivitySubjectColumns = { facilityId: Column; careProjectId: Column };

/** An activity at a children's care centre (儿童关爱服务中心) or under a children's care project. */
export function childrenActivity(a: ActivitySubjectColumns = activities): SQL {
  return sql`(${a.facilityId} in (select ${facilities.id} from ${facilities} where ${facilities.kind} = 'children_care_centre')
    or ${a.careProjectId} in (select ${careProjects.id} from ${careProjects} where ${careProjects.kind} = 'children'))`;
}
