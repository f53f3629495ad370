// How a person in care appears to someone who may not open their file — a child's file, for organization staff, the
// auditor and administrators (PIPL: minors' data is sensitive): a masked name (扎*), no village, no ID number. They
// still count and can still be linked (by id), so lists add up. Pure and client-safe.
import { maskPersonName } from "~/modules/kernel/masking";

export type ShownPerson = {
  id: number;
  fullName: string;
  villageName: string | null;
  idNumberMasked: string | null;
  /** Shown masked: the viewer may not open this file. */
  masked: boolean;
};

/** `visible`: the viewer may open the file (`peopleInScope(user)` selected with the row). */
export function shownPerson(row: {
  id: number;
  fullName: string;
  villageName: string | null;
  idNumberMasked: string | null;
  visible: boolean;
}): ShownPerson {
  const { visible, ...person } = row;
  if (visible) return { ...person, masked: false };
  return {
    id: person.id,
    fullName: maskPersonName(person.fullName),
    villageName: null,
    idNumberMasked: null,
    masked: true,
  };
}
