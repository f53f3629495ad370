// The box a user ticks to confirm a state change that is hard to take back (closing a contract, suspending a station,
// taking a person off the register). Its label says what will happen; the server refuses the post without it
// (`confirmation()` in kernel/form-fields.ts), so it works without JavaScript.
import type { ReactNode } from "react";
import type { Message } from "~/modules/kernel/messages";
import { FieldErrors, RequiredMark, useRequired } from "./field";

export function ConfirmBox({
  id,
  errors,
  children,
  detail,
}: {
  id: string;
  errors?: Message[] | null;
  children: ReactNode;
  /** Shown after the required mark (a list of effects), so the mark stays beside the sentence it marks. */
  detail?: ReactNode;
}) {
  const errorId = `${id}-error`;
  const required = useRequired("confirm");
  return (
    <div className={`field confirm-box${errors?.length ? " field--invalid" : ""}`}>
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          name="confirm"
          value="1"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? errorId : undefined}
          aria-required={required || undefined}
        />
        <span>
          {children}
          {required ? <RequiredMark /> : null}
          {detail}
        </span>
      </label>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
