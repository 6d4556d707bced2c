import { storedDocumentName } from './document-name';

const PDF = 'application/pdf';

describe('the stored name of a document', () => {
  it.each([
    ['letter.html', PDF, 'letter.pdf'],
    ['setup.exe', PDF, 'setup.pdf'],
    ['scan.svg', PDF, 'scan.pdf'],
    ['decision-letter.pdf', PDF, 'decision-letter.pdf'],
    ['no extension', PDF, 'no extension.pdf'],
    ['archive.tar.gz', PDF, 'archive.tar.pdf'],
    [
      'C:\\Users\\casey\\Desktop\\plan.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'plan.docx',
    ],
    ['../../etc/passwd', PDF, 'passwd.pdf'],
    ['photo.JPEG', 'image/jpeg', 'photo.jpeg'],
    ['photo.png', 'image/jpeg', 'photo.jpg'],
    ['budget.xls', 'application/x-cfb', 'budget.xls'],
    ['budget.exe', 'application/x-cfb', 'budget.doc'],
    ['Décision – Amira Khan 📄.pdf', PDF, 'Décision – Amira Khan 📄.pdf'],
    ['a"b<c>d|e?f*g:h\u0007i.pdf', PDF, 'a_b_c_d_e_f_g_h_i.pdf'],
    ['.pdf', PDF, 'pdf.pdf'], // a name that is all extension: the leading dot goes
    ['...', PDF, 'document.pdf'],
  ])('%j (%s) → %j', (clientName, mime, stored) => {
    expect(storedDocumentName(clientName, mime)).toBe(stored);
  });

  it('keeps at most 200 characters, never cutting a character in half', () => {
    const name = storedDocumentName(`${'📄'.repeat(300)}.pdf`, PDF);
    expect([...name].length).toBe(200);
    expect(name.endsWith('📄.pdf')).toBe(true);
  });
});
