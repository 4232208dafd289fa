import { stem } from './tokenize.js';

const stems = (words: string[]) => words.map((w) => stem(w));
const stemValues = (table: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(table).map(([key, words]) => [stem(key), stems(words)])) as Record<string, string[]>;

/**
 * A small general business lexicon: words people use for columns and concepts that the
 * schema names differently. Keys and values are stems (see `stem`). Nothing here names a
 * particular dataset; these are the common words of analytics questions.
 */
export const COLUMN_SYNONYMS: Record<string, string[]> = stemValues({
  amount: ['revenue', 'sales', 'spend', 'money', 'value', 'turnover', 'gmv', 'income', 'volume', 'amt'],
  revenue: ['sales', 'income', 'turnover', 'earnings', 'amount'],
  sales: ['revenue', 'amount', 'turnover'],
  price: ['cost', 'priced', 'fee', 'charge'],
  cost: ['price', 'expense', 'spend', 'spent'],
  quantity: ['units', 'qty', 'volume', 'items'],
  qty: ['quantity', 'units'],
  amt: ['amount'],
  cust: ['customer'],
  dept: ['department'],
  emp: ['employee'],
  mgr: ['manager'],
  acct: ['account'],
  addr: ['address'],
  prod: ['product'],
  device: ['platform', 'os'],
  age: ['old', 'young', 'older', 'younger', 'oldest', 'youngest', 'aged'],
  birth: ['born'],
  population: ['populous', 'populated', 'people', 'inhabitants', 'residents', 'citizens', 'live'],
  area: ['big', 'size', 'large', 'biggest', 'largest', 'smallest', 'square'],
  country: ['nation', 'nations', 'countries'],
  city: ['town', 'towns'],
  timestamp: ['time', 'date', 'when'],
  date: ['time', 'when', 'day'],
  name: ['called', 'named', 'title'],
  title: ['name', 'named', 'called'],
  gender: ['sex'],
  sex: ['gender'],
  salary: ['pay', 'earn', 'wage', 'income'],
  year: ['yr'],
  weight: ['heavy', 'heaviest', 'lightest', 'weigh'],
  height: ['tall', 'tallest', 'shortest'],
  length: ['long', 'longest', 'shortest'],
  elevation: ['high', 'highest', 'elevated', 'altitude'],
  altitude: ['high', 'highest', 'elevation', 'tall'],
  density: ['dense', 'densest'],
  capacity: ['seats', 'hold'],
  language: ['speak', 'spoken', 'languages'],
  nationality: ['from', 'citizen'],
  expectancy: ['expected', 'life'],
});

/** Words that mean "rows of the main table" when counted ("how many transactions"). */
export const ROW_WORDS = new Set(stems([
  'transactions', 'payments', 'orders', 'purchases', 'records', 'rows', 'entries', 'events', 'txns', 'sales', 'items', 'cases', 'instances',
]));

/** Words that mean "add up the money" when no aggregate is said ("revenue by state"). */
export const SUM_STEMS = new Set(['revenu', 'sale', 'spend', 'turnover', 'gmv', 'income', 'volum', 'money', 'earn']);

/** Words that mean people (counted distinct by a person id column when one exists). */
export const PERSON_WORDS = new Set(stems(['users', 'customers', 'clients', 'people', 'persons', 'buyers', 'shoppers', 'members']));

/** Row-meaning words that pair a table name with its usual plain word (payment ↔ transaction). */
export const TABLE_SYNONYMS: Record<string, string[]> = stemValues({
  payment: ['transaction', 'txn', 'transfer'],
  transaction: ['payment', 'txn'],
  sale: ['order', 'purchas'],
  order: ['sale', 'purchas'],
  employee: ['staff', 'worker', 'people'],
  country: ['nation'],
  city: ['town'],
  flight: ['trip'],
  customer: ['client', 'user', 'buyer'],
  user: ['customer', 'client'],
});

/**
 * Verbs that name the relation between the things a question links ("dogs who have gone through
 * treatments", "teachers and the courses they teach", "owners living in Virginia"): the join or
 * the filter carries their meaning. They count as explained only when no column, value or table
 * of the schema is named like them ("joined" may be a time column, "border" a table).
 */
export const RELATION_VERBS = new Set(stems([
  'live', 'living', 'lives', 'teach', 'teaches', 'taught', 'enrolled', 'enroll', 'enrol', 'use', 'used', 'uses', 'using', 'located', 'locate',
  'own', 'owns', 'owned', 'write', 'wrote', 'written', 'writes', 'placed', 'place', 'bought', 'buy', 'buys', 'offer', 'offers', 'offered',
  'speak', 'speaks', 'spoken', 'published', 'publish', 'borrowed', 'borrow', 'operate', 'operated', 'received', 'receive', 'took', 'take',
  'takes', 'taken', 'held', 'hold', 'holds', 'occurred', 'occur', 'gone', 'go', 'goes', 'went', 'come', 'comes', 'came', 'play', 'plays',
  'played', 'work', 'works', 'worked', 'belong', 'belongs', 'attend', 'attends', 'attended', 'perform', 'performed', 'serve', 'serves', 'served',
  'visit', 'visited', 'visits', 'made', 'make', 'makes', 'get', 'got', 'gets', 'given', 'stay', 'stayed', 'arranged', 'assigned', 'situated',
  'based', 'run', 'runs', 'ran', 'sold', 'sell', 'sells', 'selling', 'purchased', 'ordered', 'happen', 'happened', 'flow', 'flows', 'pass', 'passes', 'contain', 'contains', 'involve', 'involved', 'registered', 'signed',
]));

/** Prepositions, and words about how to present the answer, that only frame the parts a question names. */
export const CONNECTING_WORDS = new Set(stems([
  'through', 'among', 'via', 'onto', 'upon', 'toward', 'towards', 'there', 'whether', 'them', 'those',
  'chart', 'graph', 'plot', 'visualize', 'visualise', 'draw', 'create', 'make', 'pie', 'bar', 'histogram', 'see', 'view', 'report',
]));

/** Words to ignore when looking for unlinked content words. */
export const STOPWORDS = new Set(
  ('a an the of in on at for to by with from and or vs versus is are was were be been being do does did has have had ' +
    'what which who whom whose when where why how many much me my our we us i you your it its their them they this that these those ' +
    'there here all any each every per across show list give tell find get display return compute calculate please can could would ' +
    'should will shall about into than then as also only just both either neither not no nor but if so such some more most less least ' +
    'over under above below between during within since before after last next this past previous prior current top bottom first ' +
    'number count total sum average avg mean median maximum minimum max min highest lowest largest smallest biggest greatest ' +
    'rate ratio share percent percentage proportion fraction distinct unique different value values data table ' +
    'overall whole entire along together including include includ ever exist doe ha wa whi sort order ordered sorted ascending descending ' +
    'alphabetical alphabetically name names id ids info information detail details record records row rows ' +
    'like look looks lot lots one ones other others same respective respectively corresponding correspond ' +
    'it\'s what\'s that\'s how\'s let let\'s see want need know tell trend trends breakdown break down split compare compared comparison')
    .split(/\s+/),
);

/** Greetings and help requests (route ANSWER). */
export const SMALL_TALK = /^(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|thanks|thank you|help|what can you do|who are you|how do(es)? (this|it|you) work|what do you do)\b[\s!.?]*$/i;

/** Statistics words that need Python after SQL (route SQL_THEN_PY). */
export const STATISTICS_WORDS = /\b(outlier|anomal|correlat|trend slope|forecast|predict|regression|seasonality|cluster|statistical(ly)? significan)/i;
