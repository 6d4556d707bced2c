import { Readable } from 'node:stream';
import { csvOf, neutraliseFormula, tableCsv } from './csv';

describe('neutraliseFormula', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
  ])(
    'neutralises a cell starting with a formula character: %j',
    (value, expected) => {
      expect(neutraliseFormula(value)).toBe(expected);
    },
  );

  it.each([
    '',
    'Jo Parent',
    ' =not first',
    "'=already quoted",
    '2026-03-02',
    'a=b',
  ])('leaves %j as it is', (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});

const collect = async (stream: Readable) => {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
};

describe('csvOf', () => {
  it('writes a header and one line per row, neutralising strings and objects, dates in ISO 8601', async () => {
    const rows = Readable.from([
      {
        name: '=HYPERLINK("http://evil")',
        at: new Date('2026-03-02T09:00:00Z'),
        detail: { x: 1 },
        n: 3,
      },
      {
        name: 'Jo',
        at: new Date('2026-03-03T09:00:00Z'),
        detail: ['-1'],
        n: 0,
      },
    ]);
    const csv = await collect(
      csvOf(rows, ['name', 'at', 'detail', 'n'], (r: object) => r),
    );
    expect(csv.split('\n')).toEqual([
      'name,at,detail,n',
      `"'=HYPERLINK(""http://evil"")",2026-03-02T09:00:00.000Z,"{""x"":1}",3`,
      'Jo,2026-03-03T09:00:00.000Z,"[""-1""]",0',
      '',
    ]);
  });

  it('destroys the source when the CSV stream is destroyed (the client went away)', async () => {
    let produced = 0;
    // A cursor: rows come asynchronously, without end.
    const rows = new Readable({
      objectMode: true,
      read() {
        setImmediate(() => this.push({ n: ++produced }));
      },
    });
    const csv = csvOf(rows, ['n'], (r: object) => r);
    // Leaving the loop destroys the CSV stream, as Nest does when the response closes early.
    for await (const chunk of csv) {
      expect(String(chunk)).toContain('n');
      break;
    }
    expect(csv.destroyed).toBe(true);
    await new Promise((r) =>
      rows.destroyed ? r(undefined) : rows.once('close', r),
    );
    expect(rows.destroyed).toBe(true);
  });

  it('fails the CSV stream when the source fails', async () => {
    const rows = new Readable({
      objectMode: true,
      read() {
        this.destroy(new Error('cursor failed'));
      },
    });
    await expect(collect(csvOf(rows, ['n'], (r: object) => r))).rejects.toThrow(
      'cursor failed',
    );
  });
});

describe('tableCsv (the report tables)', () => {
  it('writes a byte order mark, headings in words, moments in Europe/London and neutralised formulas', () => {
    const csv = tableCsv(
      [
        { header: 'Child', value: (r: { name: string }) => r.name },
        { header: 'Days overdue', value: () => 3 },
        {
          header: 'Recorded at',
          value: () => new Date('2026-07-01T12:30:00Z'),
        },
        { header: 'Empty', value: () => null },
      ],
      [{ name: 'Zoë' }, { name: '=SUM(A1)' }],
    );
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\n')).toEqual([
      'Child,Days overdue,Recorded at,Empty',
      'Zoë,3,2026-07-01 13:30,',
      "'=SUM(A1),3,2026-07-01 13:30,",
      '',
    ]);
  });
});
