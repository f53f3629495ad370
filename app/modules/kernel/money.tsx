// Money at the edge: yuan for single amounts, 万元 where bureaus compare budgets, each with two decimals
// (formatYuan / formatWan in utils/format.ts). Client-safe.
import { useTranslation } from "react-i18next";
import { formatWan, formatYuan } from "~/utils/format";

export function Yuan({ fen }: { fen: number | null | undefined }) {
  const { i18n } = useTranslation();
  return <span className="num">{formatYuan(fen, i18n.language)}</span>;
}

/** 万元, with the exact yuan amount on hover. */
export function Wan({ fen }: { fen: number | null | undefined }) {
  const { i18n } = useTranslation();
  return (
    <span className="num" title={formatYuan(fen, i18n.language)}>
      {formatWan(fen, i18n.language)}
    </span>
  );
}

/** A table cell of money in 万元. */
export function WanCell({ fen }: { fen: number | null | undefined }) {
  return (
    <td className="num">
      <Wan fen={fen} />
    </td>
  );
}
