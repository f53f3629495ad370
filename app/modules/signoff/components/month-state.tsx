// A month's sign-off state as a badge: 未报送 / 已报送待审核 / 已退回 / 已审核锁定 / 已重新开放.
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { type MonthState, monthStateTone } from "../months";

export function MonthStateBadge({ state }: { state: MonthState }) {
  const { t } = useTranslation("signoff");
  return (
    <span data-testid="month-state" data-state={state}>
      <Badge tone={monthStateTone[state]}>{t(`state.${state}`)}</Badge>
    </span>
  );
}
