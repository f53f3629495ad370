// Helpers for tests of the people, visits and reminders modules: demo users as the permission guard builds them
// (test/factories/users.ts; the names these tests know them by).
export { sessionUserFor, testActor as actorOf } from "../../../test/factories/users";
