// A searchable picker for long lists (villages): a text field that asks the server for a few matches as one types,
// and a hidden field with the chosen id. Without JavaScript it is a plain text field; the server resolves the text
// (modules/regions/village-search.server.ts, pickedVillage). The form posts `<name>` (the id) and `<name>Text`.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Message } from "~/modules/kernel/messages";
import { FieldErrors, RequiredMark, useRequired } from "./field";

export type PickerChoice = { id: number; label: string; code?: string };

export function SearchPicker({
  name,
  label,
  source,
  defaultValue,
  errors,
  hint,
  required,
  placeholder,
  id,
  testId,
  compact = false,
}: {
  name: string;
  label: ReactNode;
  /** The resource answering `?q=` with `{ villages: PickerChoice[] }`-like JSON (the first array in it). */
  source: string;
  defaultValue?: PickerChoice | null;
  errors?: Message[] | null;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
  id?: string;
  testId?: string;
  /** In a filter bar: the label and field only. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const auto = useId();
  const inputId = id ?? `f-${name}`;
  const isRequired = useRequired(name, required);
  const listId = `${auto}-list`;
  const [text, setText] = useState(defaultValue?.label ?? "");
  const [chosen, setChosen] = useState<PickerChoice | null>(defaultValue ?? null);
  const [matches, setMatches] = useState<PickerChoice[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      abort.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    abort.current?.abort();
    if (!q.trim()) {
      setMatches([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      abort.current = controller;
      setLoading(true);
      try {
        const response = await fetch(`${source}?q=${encodeURIComponent(q.trim())}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const body = (await response.json()) as Record<string, unknown>;
        const list = Object.values(body).find(Array.isArray) as PickerChoice[] | undefined;
        setMatches(list ?? []);
        setActive(0);
        setOpen(true);
      } catch {
        // Aborted by the next keystroke, or offline: the typed text still goes to the server.
      } finally {
        if (abort.current === controller) setLoading(false);
      }
    }, 200);
  };

  const choose = (choice: PickerChoice) => {
    setChosen(choice);
    setText(choice.label);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || matches.length === 0) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, matches.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      choose(matches[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  const errorId = `${inputId}-error`;
  const field = (
    <div className="picker" data-testid={testId}>
      <input
        id={inputId}
        type="text"
        name={`${name}Text`}
        value={text}
        placeholder={placeholder ?? t("picker.placeholder")}
        autoComplete="off"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${matches[active].id}` : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? errorId : undefined}
        required={required}
        aria-required={isRequired || undefined}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setChosen(null);
          search(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => (matches.length && !chosen ? setOpen(true) : undefined)}
      />
      <input type="hidden" name={name} value={chosen ? String(chosen.id) : ""} />
      {open ? (
        <div className="picker__list" id={listId} role="listbox">
          {matches.length === 0 ? (
            <div className="picker__empty muted">{loading ? t("picker.loading") : t("picker.none")}</div>
          ) : (
            matches.map((m, i) => (
              <div
                key={m.id}
                id={`${listId}-${m.id}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? "picker__option picker__option--active" : "picker__option"}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(m);
                }}
              >
                {m.label}
                {m.code ? <span className="muted small"> {m.code}</span> : null}
              </div>
            ))
          )}
        </div>
      ) : null}
    </div>
  );
  if (compact)
    return (
      <div className="picker-filter">
        <label htmlFor={inputId}>{label}</label>
        {field}
      </div>
    );
  return (
    <div className={`field${errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={inputId}>
        {label}
        {isRequired ? <RequiredMark /> : null}
      </label>
      {field}
      {hint ? <p className="field__hint">{hint}</p> : null}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
