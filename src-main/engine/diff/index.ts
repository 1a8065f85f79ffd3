/** Diff and explain: compare two HTTP messages from the store, and say why a signature broke. */
export { compareMessages, compareRefs } from './compare';
export { explainRequest, findCounterpart } from './counterpart';
export {
  givenMessage,
  loadMessage,
  requestMessage,
  storeDiffSources,
  type DiffSources,
  type LoadedMessage,
} from './messages';
