// The frame around every signed-in page: header with scope, bell, language menu and account; grouped navigation.
// The phone menu and the language menu are <details> elements, so they work without JavaScript.
import { Form, Link, NavLink, useLocation, useNavigation } from "@remix-run/react";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { NavLink as NavEntry } from "~/modules/access/nav";
import type { ShellUser } from "~/modules/access/types";
import type { AppLocale } from "~/modules/i18n/config";
import { LanguageMenu } from "./language-switch";
import { RoleSwitch } from "./role-switch";

type Props = {
  user: ShellUser;
  /** The account's areas (navLinksOf, from the root loader). */
  nav: { own: NavEntry[]; others: NavEntry[] };
  scopeName: string;
  unread: number;
  locale: AppLocale;
  children: ReactNode;
};

const groups = ["main", "network", "contracts", "services", "care", "system"] as const;

export function AppShell({ user, nav: { own, others }, scopeName, unread, locale, children }: Props) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const account = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  const navigation = useNavigation();
  const navigationStarted = useRef(0);
  const menuOpened = useRef(0);
  useEffect(() => {
    if (navigation.state !== "idle") navigationStarted.current = Date.now();
  }, [navigation.state]);
  useEffect(() => {
    const el = menu.current;
    const onToggle = () => {
      if (el?.open) menuOpened.current = Date.now();
    };
    el?.addEventListener("toggle", onToggle);
    return () => el?.removeEventListener("toggle", onToggle);
  }, []);
  // A chosen page closes the phone menu (and the account menu): <details> stays open across client navigation.
  // A menu opened again while a slow page was loading stays open.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation, keyed by the location.
  useEffect(() => {
    if (menu.current && menuOpened.current <= navigationStarted.current) menu.current.open = false;
    if (account.current) account.current.open = false;
  }, [location.key]);
  // …and at once on the tap, not only when the next page has loaded.
  useEffect(() => {
    const el = menu.current;
    const close = (e: Event) => {
      if (el && e.target instanceof Element && e.target.closest("a")) el.open = false;
    };
    el?.addEventListener("click", close);
    return () => el?.removeEventListener("click", close);
  }, []);
  const links = (list: NavEntry[]) => (
    <ul>
      {list.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
            {t(`nav.${item.key}`)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
  const nav = (
    <nav aria-label={t("nav.menu")} className="side-nav">
      {groups.map((group) => {
        const inGroup = own.filter((i) => i.group === group);
        if (inGroup.length === 0) return null;
        return (
          <div key={group} className="side-nav__group">
            {group !== "main" ? <p className="side-nav__heading">{t(`groups.${group}`)}</p> : null}
            {links(inGroup)}
          </div>
        );
      })}
      {others.length ? (
        <div className="side-nav__group" data-testid="nav-other-roles">
          <p className="side-nav__heading">{t("groups.otherRoles")}</p>
          {links(others)}
        </div>
      ) : null}
    </nav>
  );
  return (
    <div className="shell">
      <header className="topbar">
        <details className="topbar__menu" ref={menu} data-testid="phone-menu">
          <summary aria-label={t("nav.menu")}>☰</summary>
          {nav}
        </details>
        <Link to="/" className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            站
          </span>
          <span>{t("appName")}</span>
        </Link>
        <span className="topbar__scope" title={t("scope.label")}>
          {scopeName}
        </span>
        <span className="topbar__spacer" />
        <Link
          to="/notifications"
          className="topbar__bell"
          aria-label={`${t("nav.notifications")} (${unread})`}
          data-testid="notification-bell"
        >
          <svg
            width="20"
            height="20"
            viewBox="0 0 24 24"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
          >
            <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.7 21a2 2 0 0 1-3.4 0" />
          </svg>
          {unread > 0 ? (
            <span className="topbar__badge" data-testid="unread-count">
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </Link>
        <LanguageMenu locale={locale} />
        <details className="topbar__account" ref={account}>
          <summary>
            <span className="topbar__user">{user.name}</span>
            <span className="topbar__role">{t(`roles.${user.role}`)}</span>
          </summary>
          <div className="topbar__account-menu">
            <p className="muted">{user.email}</p>
            {user.choices.length > 1 ? <RoleSwitch choices={user.choices} /> : null}
            <p>
              <Link to="/account">{t("nav.account")}</Link>
            </p>
            {/* The field app (issue 13): records kept on this device and what waits to be sent; works offline. */}
            <p>
              <Link to="/field" data-testid="open-field-app">
                {t("fieldApp.title")}
              </Link>
            </p>
            <p>
              <Link to="/about">{t("about.link")}</Link>
            </p>
            <Form method="post" action="/logout">
              <button type="submit" className="btn btn--small">
                {t("nav.signOut")}
              </button>
            </Form>
          </div>
        </details>
      </header>
      <div className="shell__body">
        <aside className="shell__nav">{nav}</aside>
        <main id="main" className="shell__main">
          {children}
        </main>
      </div>
    </div>
  );
}
