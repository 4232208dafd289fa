// Builds the held-out evaluation databases (test/heldout/db/<db_id>.sqlite): three small SQLite
// schemas designed here, not taken from any benchmark, on which the embedded analyst is measured
// beside ../shared/eval (questions.jsonl holds hand-written questions with gold SQL).
// Deterministic: the same script always writes the same rows. Usage:
//   node bin/run-ts.js test/heldout/build.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { day, seeded, writeSqliteDatabase, type Row } from '../support/sqlite-fixture.js';


/** Where the databases go: `--db "test/heldout/db/{db_id}.sqlite"`. */
export const HELDOUT_DB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db');

function writeDatabase(name: string, schema: string, tables: Record<string, Row[]>): string {
  return writeSqliteDatabase(HELDOUT_DB_DIR, name, schema, tables);
}

function buildLibrary(): string {
  const random = seeded(11);
  const authors: Row[] = [
    [1, 'Ines Calloway', 'Canada', 1948],
    [2, 'Tomasz Wren', 'Poland', 1962],
    [3, 'Harriet Vole', 'England', 1890],
    [4, 'Kenji Aramaki', 'Japan', 1975],
    [5, 'Lucia Ferro', 'Italy', 1981],
    [6, 'Dmitri Sollen', 'Canada', 1935],
    [7, 'Amara Nwosu', 'Nigeria', 1990],
    [8, 'Rosalind Pike', 'England', 1921],
    [9, 'Pablo Estrada', 'Mexico', 1958],
    [10, 'Greta Lindqvist', 'Sweden', 1970],
    [11, 'Oren Baskin', 'United States', 1985],
  ];
  const genres = ['Mystery', 'Science Fiction', 'Romance', 'History', 'Poetry'];
  // Author 1 writes the most books (7), so "the author with the most books" has one answer;
  // authors 10 and 11 write none (the negation questions).
  const booksPerAuthor: Record<number, number> = { 1: 7, 2: 4, 3: 5, 4: 3, 5: 4, 6: 3, 7: 2, 8: 4, 9: 3 };
  const words = ['Silent', 'Harbor', 'Glass', 'Winter', 'Orchard', 'Lantern', 'Cipher', 'River', 'Ashes', 'Meridian', 'Quiet', 'Storm', 'Paper', 'Garden', 'Iron', 'Echo'];
  const books: Row[] = [];
  let bookId = 1;
  for (const [author, count] of Object.entries(booksPerAuthor)) {
    const born = authors[Number(author) - 1][3] as number;
    for (let index = 0; index < count; index++) {
      const title = `The ${words[(bookId * 7) % words.length]} ${words[(bookId * 3 + 5) % words.length]}${bookId % 4 === 0 ? ' Letters' : ''}`;
      const year = Math.min(2024, born + 25 + Math.floor(random() * 30));
      // Pages are distinct (the longest book is one book).
      books.push([bookId, `${title} ${bookId}`.replace(/ \d+$/, bookId > 16 ? ` ${['II', 'III', 'IV'][bookId % 3]}` : ''), Number(author), genres[(bookId + Number(author)) % genres.length], year, 120 + bookId * 11 + Math.floor(random() * 9)]);
      bookId += 1;
    }
  }
  const cities = ['Springfield', 'Riverton', 'Lakeside', 'Springfield', 'Hillcrest'];
  const memberNames = ['Olivia Hart', 'Noah Brandt', 'Emma Castillo', 'Liam Osei', 'Ava Lindgren', 'Mason Reyes', 'Sophia Klein', 'Lucas Moreau', 'Mia Tanaka', 'Ethan Novak', 'Isla Fraser', 'Leo Santos', 'Zoe Becker', 'Jack Murphy', 'Ruby Chen', 'Owen Price', 'Chloe Duval', 'Finn Walsh'];
  const members: Row[] = memberNames.map((name, index) => [index + 1, name, cities[index % cities.length], 2016 + (index * 5) % 8]);
  const loans: Row[] = [];
  // Members 16–18 never borrow; Olivia Hart (1) borrows four different books.
  for (const book of [3, 9, 14, 22]) loans.push([loans.length + 1, book, 1, day(random, 2023), day(random, 2024)]);
  for (let index = 0; index < 56; index++) {
    const member = 2 + Math.floor(random() * 14);
    const book = 1 + Math.floor(random() * books.length);
    const returned = random() < 0.8 ? day(random, 2024) : null;
    loans.push([loans.length + 1, book, member, day(random, 2023), returned]);
  }
  return writeDatabase(
    'library',
    `CREATE TABLE author (author_id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, birth_year INTEGER);
     CREATE TABLE book (book_id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER REFERENCES author(author_id), genre TEXT, publication_year INTEGER, pages INTEGER);
     CREATE TABLE member (member_id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT, join_year INTEGER);
     CREATE TABLE loan (loan_id INTEGER PRIMARY KEY, book_id INTEGER REFERENCES book(book_id), member_id INTEGER REFERENCES member(member_id), loan_date TEXT, return_date TEXT);`,
    { author: authors, book: books, member: members, loan: loans },
  );
}

function buildClinic(): string {
  const random = seeded(23);
  const doctors: Row[] = [
    [1, 'Ellis Grant', 'Cardiology', 22],
    [2, 'Nadia Karim', 'Pediatrics', 9],
    [3, 'Victor Hale', 'Cardiology', 15],
    [4, 'Sofia Marin', 'Dermatology', 31],
    [5, 'Jonas Weber', 'Neurology', 12],
    [6, 'Priya Raman', 'Pediatrics', 18],
    [7, 'Caleb Ortiz', 'Cardiology', 6],
    [8, 'Hana Sato', 'Dermatology', 25],
  ];
  const first = ['Mara', 'Tobias', 'Lena', 'Omar', 'Greta', 'Felix', 'Yara', 'Hugo', 'Iris', 'Milo', 'Nora', 'Pavel', 'Rosa', 'Samir', 'Tess', 'Umar', 'Vera', 'Wes', 'Xenia', 'Yusuf', 'Zara', 'Anton', 'Bea', 'Cyril'];
  const last = ['Quinn', 'Lowe', 'Park', 'Haddad', 'Berg', 'Stone', 'Amari', 'Roy', 'Vance', 'Cole', 'Dunn', 'Ivanov'];
  const cities = ['Northfield', 'Eastport', 'Westbury', 'Southgate'];
  // Ages are distinct across patients, so the youngest patient is one person.
  const ages = [34, 71, 19, 45, 62, 28, 83, 55, 40, 67, 23, 76, 31, 58, 49, 88, 26, 64, 37, 52, 73, 21, 44, 69];
  const patients: Row[] = first.map((name, index) => [index + 1, `${name} ${last[index % last.length]}`, index % 2 === 0 ? 'F' : 'M', ages[index], cities[(index * 3) % cities.length]]);
  const appointments: Row[] = [];
  const statuses = ['completed', 'completed', 'completed', 'cancelled', 'scheduled'];
  // Patients 21–24 never have an appointment; doctor 1 has the most appointments; doctors 4 and 8 never cancel.
  const weights = [1, 2, 3, 1, 5, 6, 7, 1, 3, 5, 1, 1];
  const doctorFor = (draw: number) => weights[Math.floor(draw * weights.length)];
  for (let index = 0; index < 70; index++) {
    const patient = 1 + Math.floor(random() * 20);
    const doctor = doctorFor(random());
    let status = statuses[Math.floor(random() * statuses.length)];
    if (status === 'cancelled' && (doctor === 4 || doctor === 8)) status = 'completed';
    appointments.push([index + 1, patient, doctor, day(random, 2024), 40 + Math.floor(random() * 16) * 10, status]);
  }
  return writeDatabase(
    'clinic',
    `CREATE TABLE doctor (doctor_id INTEGER PRIMARY KEY, name TEXT NOT NULL, specialty TEXT, years_experience INTEGER);
     CREATE TABLE patient (patient_id INTEGER PRIMARY KEY, name TEXT NOT NULL, gender TEXT, age INTEGER, city TEXT);
     CREATE TABLE appointment (appointment_id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patient(patient_id), doctor_id INTEGER REFERENCES doctor(doctor_id), appointment_date TEXT, fee REAL, status TEXT);`,
    { doctor: doctors, patient: patients, appointment: appointments },
  );
}

function buildShop(): string {
  const random = seeded(37);
  const countries = ['Germany', 'France', 'Spain', 'Germany', 'Italy', 'France', 'Germany', 'Portugal'];
  const names = ['Anke Vogel', 'Bastien Roux', 'Carmen Gil', 'Dieter Falk', 'Elena Conti', 'Fanny Morel', 'Gerd Huber', 'Helena Sousa', 'Ivo Richter', 'Julie Blanc', 'Karl Engel', 'Lara Pires', 'Marco Ricci', 'Nina Wolff'];
  const customers: Row[] = names.map((name, index) => [index + 1, name, countries[index % countries.length], `${name.split(' ')[0].toLowerCase()}@example.com`]);
  const products: Row[] = [
    [1, 'Noise Cancelling Headphones', 'Electronics', 249.0],
    [2, 'Travel Kettle', 'Kitchen', 34.5],
    [3, 'Atlas of Rivers', 'Books', 42.0],
    [4, 'Wooden Train Set', 'Toys', 58.9],
    [5, 'Smart Watch', 'Electronics', 399.0],
    [6, 'Chef Knife', 'Kitchen', 89.0],
    [7, 'Mystery Anthology', 'Books', 18.75],
    [8, 'Puzzle Cube', 'Toys', 12.0],
    [9, 'USB-C Charger', 'Electronics', 29.99],
    [10, 'Cast Iron Pan', 'Kitchen', 64.0],
    [11, 'Poetry Collection', 'Books', 22.4],
    [12, 'Kite', 'Toys', 25.0],
    [13, 'E-Reader', 'Electronics', 139.0],
    [14, 'Garden Gnome', 'Garden', 15.5],
  ];
  const orders: Row[] = [];
  const items: Row[] = [];
  const orderStatuses = ['shipped', 'shipped', 'delivered', 'pending', 'cancelled'];
  // Customers 13 and 14 never order; customer 3 orders most; products 14 (and 12) are never ordered.
  const buyers = [1, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 2, 5];
  const orderable = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13];
  for (let index = 0; index < 34; index++) {
    const orderId = index + 1;
    orders.push([orderId, buyers[index % buyers.length], day(random, 2022 + (index % 3)), orderStatuses[Math.floor(random() * orderStatuses.length)]]);
    const lines = 1 + Math.floor(random() * 3);
    for (let line = 0; line < lines; line++) {
      items.push([items.length + 1, orderId, orderable[Math.floor(random() * orderable.length)], 1 + Math.floor(random() * 4)]);
    }
  }
  return writeDatabase(
    'shop',
    `CREATE TABLE customer (customer_id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, email TEXT);
     CREATE TABLE product (product_id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT, price REAL);
     CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(customer_id), order_date TEXT, status TEXT);
     CREATE TABLE order_item (order_item_id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders(order_id), product_id INTEGER REFERENCES product(product_id), quantity INTEGER);`,
    { customer: customers, product: products, orders, order_item: items },
  );
}

/** Builds the three databases; returns their paths. */
export function buildHeldoutDatabases(): string[] {
  return [buildLibrary(), buildClinic(), buildShop()];
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  for (const file of buildHeldoutDatabases()) console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
