// The header of a page about one contract (its expenditures, its months, an evaluation): the page's title, and the
// contract it belongs to, linked back, as the subtitle.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { PageHeader } from "~/components/ui/page-header";

export function ContractPageHeader({
  title,
  contract: c,
  actions,
}: {
  title: string;
  contract: { id: number; title: string; code: string; organizationName: string };
  actions?: ReactNode;
}) {
  return (
    <PageHeader
      title={title}
      subtitle={
        <>
          <Link to={`/contracts/${c.id}`}>{c.title}</Link> · {c.code} · {c.organizationName}
        </>
      }
      actions={actions}
    />
  );
}
