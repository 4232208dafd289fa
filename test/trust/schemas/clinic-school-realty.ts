// Test schemas 8–10 of the trust suite: a clinic's records (PascalCase columns, mixed-case
// insurance plans), a university registrar (singular tables, a mentor self-reference, students
// still enrolled) and real estate (abbreviations, listings still on the market).
import { addDays, Draw, personName, TRUST_DB_DIR, writeDatabase, type Row } from '../generate.js';

export function buildClinic(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(808);
  const specialties = ['Family Medicine', 'Family Medicine', 'Pediatrics', 'Cardiology', 'Dermatology', 'Orthopedics', 'Family Medicine', 'Pediatrics', 'Cardiology', 'Psychiatry', 'Family Medicine', 'Dermatology'];
  const providers: Row[] = specialties.map((specialty, index) => {
    const { first, last } = personName(index * 17 + 9);
    return [index + 1, `Dr. ${first} ${last}`, specialty, index % 3 === 0 ? 'North Clinic' : index % 3 === 1 ? 'South Clinic' : 'Telehealth Hub'];
  });
  const plans: [string, number][] = [['Medicare', 3], ['medicare', 1], ['MEDICARE', 1], ['Medicaid', 2], ['Private', 5], ['private', 1], ['Uninsured', 1]];
  const patients: Row[] = [];
  for (let id = 1; id <= 700; id++) {
    const { first, last } = personName(id * 5 + 2);
    patients.push([id, first, last, draw.date('1935-01-01', '2022-12-31'), draw.pick(['F', 'M']), draw.weighted(plans), `9${draw.int(7000, 7099)}`]);
  }
  const visits: Row[] = [];
  const diagnoses: Row[] = [];
  const prescriptions: Row[] = [];
  const codes: [string, string][] = [['J06.9', 'Upper respiratory infection'], ['I10', 'Essential hypertension'], ['E11.9', 'Type 2 diabetes'], ['M54.5', 'Low back pain'], ['L20.9', 'Atopic dermatitis'], ['F41.1', 'Generalized anxiety disorder'], ['Z00.00', 'General adult exam'], ['J45.909', 'Asthma'], ['S93.401A', 'Ankle sprain']];
  const drugs = ['Amoxicillin', 'Lisinopril', 'Metformin', 'Ibuprofen', 'Hydrocortisone', 'Sertraline', 'Albuterol', 'Atorvastatin'];
  for (let id = 1; id <= 3200; id++) {
    const provider = draw.int(1, providers.length);
    const date = draw.date('2023-01-01', '2024-12-31');
    const type = provider % 3 === 0 ? 'Telehealth' : draw.weighted([['Checkup', 4], ['Follow-up', 4], ['Emergency', 1], ['Telehealth', 1]] as const);
    const status = date > '2024-12-24' ? draw.weighted([['Scheduled', 3], ['Completed', 1]] as const) : draw.weighted([['Completed', 16], ['No-Show', 2], ['Cancelled', 2]] as const);
    const charge = status === 'Completed' ? draw.amount(type === 'Emergency' ? 300 : 60, type === 'Emergency' ? 1500 : 260) : 0;
    visits.push([id, draw.int(1, 680), provider, date, type, status, charge, type === 'Telehealth' ? draw.int(0, 10) : draw.int(0, 75)]);
    if (status !== 'Completed') continue;
    const count = draw.weighted([[1, 6], [2, 3], [3, 1]] as const);
    for (let index = 0; index < count; index++) {
      const [code, description] = draw.pick(codes);
      diagnoses.push([diagnoses.length + 1, id, code, description, index === 0 ? 1 : 0]);
    }
    if (draw.chance(0.45)) prescriptions.push([prescriptions.length + 1, id, draw.pick(drugs), draw.pick([5, 10, 20, 250, 500]), draw.int(0, 5)]);
  }
  return writeDatabase(
    'clinic_emr',
    `CREATE TABLE Providers (ProviderID INTEGER PRIMARY KEY, FullName TEXT NOT NULL, Specialty TEXT, ClinicSite TEXT);
     CREATE TABLE Patients (PatientID INTEGER PRIMARY KEY, FirstName TEXT, LastName TEXT, BirthDate TEXT, Sex TEXT, InsurancePlan TEXT, ZipCode TEXT);
     CREATE TABLE Visits (
       VisitID INTEGER PRIMARY KEY,
       PatientID INTEGER REFERENCES Patients(PatientID),
       ProviderID INTEGER REFERENCES Providers(ProviderID),
       VisitDate TEXT,
       VisitType TEXT,
       Status TEXT, -- Completed, No-Show, Cancelled, Scheduled
       ChargeAmount REAL, -- billed, USD
       WaitMinutes INTEGER
     );
     CREATE TABLE Diagnoses (DiagnosisID INTEGER PRIMARY KEY, VisitID INTEGER REFERENCES Visits(VisitID), Icd10Code TEXT, Description TEXT, IsPrimary INTEGER);
     CREATE TABLE Prescriptions (RxID INTEGER PRIMARY KEY, VisitID INTEGER REFERENCES Visits(VisitID), DrugName TEXT, DosageMg REAL, Refills INTEGER);`,
    { Providers: providers, Patients: patients, Visits: visits, Diagnoses: diagnoses, Prescriptions: prescriptions },
    dir,
  );
}

export function buildRegistrar(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(909);
  const departments: Row[] = [
    ['CS', 'Computer Science', 'Turing Hall'], ['MATH', 'Mathematics', 'Noether Hall'], ['BIO', 'Biology', 'Darwin Hall'], ['HIST', 'History', 'Tacitus Hall'], ['ECON', 'Economics', 'Smith Hall'],
  ];
  const instructors: Row[] = [];
  for (let id = 1; id <= 40; id++) {
    const { first, last } = personName(id * 19 + 4);
    const dept = departments[(id - 1) % 5][0];
    // The first five (one per department) are senior and mentor the others of their department.
    instructors.push([id, `${first} ${last}`, dept, id <= 5 ? draw.int(1990, 2005) : draw.int(2006, 2024), id <= 5 ? null : ((id - 1) % 5) + 1, id <= 5 ? 'Professor' : draw.pick(['Lecturer', 'Assistant Professor', 'Associate Professor'])]);
  }
  const courses: Row[] = [];
  const titles: Record<string, string[]> = {
    CS: ['Intro to Programming', 'Data Structures', 'Databases', 'Operating Systems', 'Machine Learning', 'Compilers'],
    MATH: ['Calculus I', 'Calculus II', 'Linear Algebra', 'Probability', 'Real Analysis', 'Topology'],
    BIO: ['General Biology', 'Genetics', 'Ecology', 'Cell Biology', 'Neuroscience', 'Bioinformatics'],
    HIST: ['World History', 'Medieval Europe', 'Modern Asia', 'History of Science', 'The Cold War', 'Historiography'],
    ECON: ['Microeconomics', 'Macroeconomics', 'Econometrics', 'Game Theory', 'Labor Economics', 'Development Economics'],
  };
  for (const [dept] of departments) {
    titles[dept as string].forEach((title, index) => {
      const level = index < 4 ? draw.pick(['undergrad', 'Undergrad', 'UNDERGRAD']) : draw.pick(['grad', 'Grad']);
      courses.push([courses.length + 1, `${dept}${index < 4 ? 100 + index * 50 : 500 + index * 10}`, title, dept, index === 0 ? 4 : draw.pick([3, 3, 4, 2]), level]);
    });
  }
  const students: Row[] = [];
  for (let id = 1; id <= 900; id++) {
    const { first, last } = personName(id + 300);
    const year = draw.int(2019, 2024);
    const graduated = year <= 2020 && draw.chance(0.9) ? year + 4 : null;
    const left = graduated === null && year <= 2022 && draw.chance(0.1);
    students.push([id, `${first} ${last}`, draw.pick(departments)[0], year, graduated, left ? 'withdrawn' : graduated ? 'graduated' : 'enrolled']);
  }
  const terms = ['2023SP', '2023FA', '2024SP', '2024FA'];
  const sections: Row[] = [];
  for (const term of terms) {
    for (const course of courses) {
      if (draw.chance(0.25)) continue;
      const teachers = instructors.filter((instructor) => instructor[2] === course[3]);
      sections.push([sections.length + 1, course[0], draw.pick(teachers)[0], term, draw.pick([25, 40, 60, 120])]);
    }
  }
  const enrollments: Row[] = [];
  const letters: [string, number, number][] = [['A', 4, 5], ['B', 3, 6], ['C', 2, 3], ['D', 1, 1], ['F', 0, 1], ['W', 0, 1]];
  for (const student of students) {
    if (student[5] !== 'enrolled' && student[4] !== null && (student[4] as number) < 2023) continue;
    const count = draw.int(2, 6);
    for (let index = 0; index < count; index++) {
      const section = draw.pick(sections);
      if (enrollments.some((row) => row[0] === student[0] && row[1] === section[0])) continue;
      const current = section[3] === '2024FA';
      const [letter, points] = current && draw.chance(0.5) ? [null, null] : (() => {
        const pick = draw.weighted(letters.map(([grade, gradePoints, weight]) => [[grade, gradePoints], weight] as const));
        return [pick[0], pick[0] === 'W' ? null : pick[1]];
      })();
      enrollments.push([student[0], section[0], letter, points]);
    }
  }
  return writeDatabase(
    'uni_registrar',
    `CREATE TABLE department (dept_code TEXT PRIMARY KEY, dept_name TEXT NOT NULL, building TEXT);
     CREATE TABLE instructor (instructor_id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept_code TEXT REFERENCES department(dept_code), hire_year INTEGER, mentor_id INTEGER REFERENCES instructor(instructor_id), rank TEXT);
     CREATE TABLE course (course_id INTEGER PRIMARY KEY, course_code TEXT, title TEXT NOT NULL, dept_code TEXT REFERENCES department(dept_code), credits INTEGER, level TEXT);
     CREATE TABLE student (
       student_id INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       major TEXT REFERENCES department(dept_code),
       enroll_year INTEGER,
       grad_year INTEGER, -- null until graduation
       status TEXT -- enrolled, graduated, withdrawn
     );
     CREATE TABLE section (section_id INTEGER PRIMARY KEY, course_id INTEGER REFERENCES course(course_id), instructor_id INTEGER REFERENCES instructor(instructor_id), term TEXT, capacity INTEGER);
     CREATE TABLE enrollment (
       student_id INTEGER REFERENCES student(student_id),
       section_id INTEGER REFERENCES section(section_id),
       grade TEXT, -- A-F, W withdrawn; null while the term runs
       grade_points REAL,
       PRIMARY KEY (student_id, section_id)
     );`,
    { department: departments, instructor: instructors, course: courses, student: students, section: sections, enrollment: enrollments },
    dir,
  );
}

export function buildRealty(dir: string = TRUST_DB_DIR): string {
  const draw = new Draw(1010);
  const neighborhoods: Row[] = [
    [1, 'Old Town', 'Portland'], [2, 'Pearl District', 'Portland'], [3, 'Hawthorne', 'Portland'], [4, 'Ballard', 'Seattle'], [5, 'Capitol Hill', 'Seattle'], [6, 'Fremont', 'Seattle'], [7, 'Mission', 'San Francisco'], [8, 'Sunset', 'San Francisco'],
  ];
  const agents: Row[] = [];
  for (let id = 1; id <= 30; id++) {
    const { first, last } = personName(id * 23 + 6);
    agents.push([id, `${first} ${last}`, draw.pick(['Keystone Realty', 'Harbor Homes', 'Summit Brokers', 'Independent']), draw.date('2005-01-01', '2023-06-30')]);
  }
  const listings: Row[] = [];
  const showings: Row[] = [];
  const base: Record<number, number> = { 1: 520, 2: 610, 3: 480, 4: 560, 5: 640, 6: 590, 7: 900, 8: 780 };
  for (let id = 1; id <= 1400; id++) {
    const nbhd = draw.int(1, 8);
    const type = draw.weighted([['house', 5], ['House', 1], ['condo', 4], ['Condo', 1], ['CONDO', 1], ['townhouse', 2]] as const);
    const beds = type.toLowerCase() === 'condo' ? draw.int(0, 3) : draw.int(2, 5);
    const sqft = Math.round((type.toLowerCase() === 'condo' ? 450 : 900) + beds * draw.int(250, 420));
    const price = Math.round((sqft * base[nbhd] * draw.amount(0.85, 1.2)) / 1000) * 1000;
    const listed = draw.date('2023-01-01', '2024-12-15');
    const days = draw.int(5, 160);
    const closes = addDays(listed, days);
    const status = closes > '2024-12-31' ? draw.weighted([['active', 4], ['pending', 1]] as const) : draw.weighted([['sold', 8], ['withdrawn', 1]] as const);
    const soldPrice = status === 'sold' ? Math.round((price * draw.amount(0.92, 1.08)) / 1000) * 1000 : null;
    listings.push([id, nbhd, draw.int(1, 30), type, beds, draw.pick([1, 1.5, 2, 2.5, 3]), sqft, price, listed, status, status === 'sold' ? closes : null, soldPrice, draw.chance(0.3) ? 1 : 0]);
    const count = draw.int(0, 5);
    for (let index = 0; index < count; index++) {
      const date = addDays(listed, draw.int(1, Math.max(2, Math.min(days, 60))));
      if (date > '2024-12-31') continue;
      showings.push([showings.length + 1, id, date, draw.chance(0.2) ? null : draw.weighted([['positive', 3], ['neutral', 2], ['negative', 1]] as const)]);
    }
  }
  return writeDatabase(
    'realty',
    `CREATE TABLE neighborhoods (nbhd_id INTEGER PRIMARY KEY, nbhd_name TEXT NOT NULL, city TEXT);
     CREATE TABLE agents (agent_id INTEGER PRIMARY KEY, agent_name TEXT NOT NULL, brokerage TEXT, license_dt TEXT);
     CREATE TABLE listings (
       listing_id INTEGER PRIMARY KEY,
       nbhd_id INTEGER REFERENCES neighborhoods(nbhd_id),
       agent_id INTEGER REFERENCES agents(agent_id),
       prop_type TEXT,
       beds INTEGER,
       baths REAL,
       sqft INTEGER,
       list_price REAL,
       list_dt TEXT,
       status TEXT, -- active, pending, sold, withdrawn
       sold_dt TEXT,
       sold_price REAL,
       has_garage INTEGER
     );
     CREATE TABLE showings (showing_id INTEGER PRIMARY KEY, listing_id INTEGER REFERENCES listings(listing_id), showing_dt TEXT, feedback TEXT);`,
    { neighborhoods, agents, listings, showings },
    dir,
  );
}
