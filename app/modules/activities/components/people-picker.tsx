// Choose the people in care an activity served. With scripts: live name search inside the contract's area.
// Without: a "search" button submits the form as GET, and the page comes back with matches to tick.

import { useFetcher } from "@remix-run/react";
import { type InputHTMLAttributes, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";
import { useHydrated } from "~/components/ui/use-hydrated";
import type { Message } from "~/modules/kernel/messages";
import type { ShownPerson } from "~/modules/people/shown-person";

export type PersonOption = ShownPerson;

/** "village · 5425**********123X", or that the file is not the reader's to see (a child's, for organizations). */
export function PersonMeta({ person }: { person: PersonOption }) {
  const { t } = useTranslation("activities");
  return person.masked ? (
    t("form.personMasked")
  ) : (
    <>
      {person.villageName} · {person.idNumberMasked}
    </>
  );
}

/** A person ticked to post as one of the activity's people: the chosen ones, and matches found without scripts. */
function PersonCheck({
  person,
  ...input
}: { person: PersonOption } & Pick<InputHTMLAttributes<HTMLInputElement>, "defaultChecked" | "onChange">) {
  return (
    <label className="check">
      <input type="checkbox" name="personId" value={person.id} {...input} />
      <span>
        {person.fullName}{" "}
        <span className="muted">
          · <PersonMeta person={person} />
        </span>
      </span>
    </label>
  );
}

export function PeoplePicker({
  contractId,
  selected: initialSelected,
  matches,
  query,
  errors,
}: {
  contractId: number | null;
  selected: PersonOption[];
  /** Matches found by the no-script search. */
  matches: PersonOption[];
  query: string;
  errors?: Message[];
}) {
  const { t } = useTranslation(["activities", "common"]);
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ people: PersonOption[] }>();
  const [selected, setSelected] = useState<PersonOption[]>(initialSelected);
  const [q, setQ] = useState(query);
  const initialKey = initialSelected.map((p) => p.id).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the server sends a different selection
  useEffect(() => setSelected(initialSelected), [initialKey]);

  useEffect(() => {
    if (!hydrated || !contractId || q.trim() === "") return;
    const timer = setTimeout(
      () =>
        fetcher.load(`/activities/people-search?contract=${contractId}&q=${encodeURIComponent(q.trim())}`),
      250,
    );
    return () => clearTimeout(timer);
  }, [q, contractId, hydrated, fetcher.load]);

  const found = hydrated ? (q.trim() && fetcher.data ? fetcher.data.people : []) : matches;
  const chosen = new Set(selected.map((p) => p.id));
  const add = (p: PersonOption) => setSelected((s) => (s.some((x) => x.id === p.id) ? s : [...s, p]));
  const remove = (id: number) => setSelected((s) => s.filter((p) => p.id !== id));

  return (
    <fieldset className="field people-picker" data-testid="people-picker">
      <legend>{t("form.people")}</legend>
      <p className="field__hint">{t("form.peopleHint")}</p>
      {selected.length > 0 ? (
        <ul className="people-picker__chosen">
          {selected.map((p) => (
            <li key={p.id}>
              <PersonCheck
                person={p}
                defaultChecked
                onChange={(e) => (e.currentTarget.checked ? undefined : remove(p.id))}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="people-picker__search">
        <input
          type="search"
          name="q"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          placeholder={t("form.peopleSearch")}
          aria-label={t("form.peopleSearch")}
          disabled={!contractId}
          maxLength={30}
          autoComplete="off"
        />
        {!hydrated ? (
          <button
            type="submit"
            className="btn btn--secondary btn--small"
            formMethod="get"
            formNoValidate
            name="search"
            value="1"
          >
            {t("common:actions.search")}
          </button>
        ) : null}
      </div>
      {!contractId ? <p className="field__hint">{t("form.peopleNeedContract")}</p> : null}
      {found.length > 0 ? (
        <ul className="people-picker__results" data-testid="people-results">
          {found
            .filter((p) => !chosen.has(p.id))
            .map((p) =>
              hydrated ? (
                <li key={p.id}>
                  <button type="button" className="person-option" onClick={() => add(p)}>
                    <span className="person-option__add" aria-hidden="true">
                      +
                    </span>
                    <span>
                      <strong>{p.fullName}</strong>
                      <span className="muted person-option__meta">
                        <PersonMeta person={p} />
                      </span>
                    </span>
                  </button>
                </li>
              ) : (
                <li key={p.id}>
                  <PersonCheck person={p} />
                </li>
              ),
            )}
        </ul>
      ) : q.trim() && (hydrated ? fetcher.state === "idle" && fetcher.data : query) ? (
        <p className="muted">{t("form.peopleNoMatch")}</p>
      ) : null}
      <FieldErrors id="f-personId-error" errors={errors} />
    </fieldset>
  );
}
