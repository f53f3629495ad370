// The activity form's checks in the browser (the action's own schema) load after the page, so zod is not part of
// the first download on a weak link; until they have arrived (a second or so), the server checks the form alone.
import { useEffect, useState } from "react";
import type { parseForm } from "~/modules/kernel/parse-form";
import type { logActivitySchema } from "./schemas";

type Validate = (formData: FormData) => ReturnType<typeof parseForm<ReturnType<typeof logActivitySchema>>>;

export function useLazyValidation(today: string): Validate | null {
  const [validate, setValidate] = useState<Validate | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([import("~/modules/kernel/parse-form"), import("./schemas")]).then(
      ([checks, schemas]) => {
        const schema = schemas.logActivitySchema({ today });
        if (live) setValidate(() => (formData: FormData) => checks.parseForm(formData, schema));
      },
    );
    return () => {
      live = false;
    };
  }, [today]);
  return validate;
}
