// The regions a planner manages as a select's options: prefectures, with their counties indented under them.
export function RegionOptions({ regions }: { regions: { id: number; name: string; level: string }[] }) {
  return regions.map((r) => (
    <option key={r.id} value={r.id}>
      {r.level === "county" ? `\u3000${r.name}` : r.name}
    </option>
  ));
}
