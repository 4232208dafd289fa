export { assertReadOnly } from './assert-read-only.js';
