// Helpers for tests of the people, visits and reminders modules: demo users as the permission guard builds them
// (test/factories/users.ts; the names these tests know them by).
export { testActor as actorOf, sessionUserFor } from "../../../test/factories/users";
