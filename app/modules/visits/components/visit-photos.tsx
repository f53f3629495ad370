// The photos taken on a home visit: thumbnails that open the photo, served by the visit's scoped photo route
// (visits.$id_.photos.$photoId) as activity photos are. Client-safe.
import { useTranslation } from "react-i18next";

export type VisitPhotoRef = { id: number; visitId: number };

export function VisitPhotos({ photos, heading = true }: { photos: VisitPhotoRef[]; heading?: boolean }) {
  const { t } = useTranslation("visits");
  if (photos.length === 0) return null;
  const grid = (
    <ul className="photo-grid" data-testid="visit-photos">
      {photos.map((p) => (
        <li key={p.id}>
          <a
            href={`/visits/${p.visitId}/photos/${p.id}`}
            target="_blank"
            rel="noreferrer"
            title={t("detail.photoOpen")}
          >
            <img
              src={`/visits/${p.visitId}/photos/${p.id}.thumb`}
              alt={t("detail.photoAlt", { n: p.id })}
              loading="lazy"
            />
          </a>
        </li>
      ))}
    </ul>
  );
  if (!heading) return grid;
  return (
    <section className="card">
      <h2>{t("detail.photos", { count: photos.length })}</h2>
      {grid}
    </section>
  );
}
