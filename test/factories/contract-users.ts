export { sessionUserFor, testActor } from "./users";
