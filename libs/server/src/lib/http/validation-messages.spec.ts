import { fieldInWords, messageInWords } from './validation-messages';

describe('validation messages in words', () => {
  it('turns a property name into words, or uses the label map', () => {
    expect(fieldInWords('letterSent')).toBe('Letter sent');
    expect(fieldInWords('responsible_body')).toBe('Responsible body');
    expect(fieldInWords('from')).toBe('The start date');
  });

  it('never shows the field name at the start of a message', () => {
    expect(
      messageInWords('from', 'from must be a valid ISO 8601 date string'),
    ).toBe('The start date must be a valid ISO 8601 date string');
    expect(messageInWords('childName', 'childName must be a string')).toBe(
      'Child name must be a string',
    );
  });

  it('says which item of a list', () => {
    expect(
      messageInWords('description', 'description should not be empty', 1),
    ).toBe('Description should not be empty (item 2)');
  });

  it('says what to do with a field the request does not take', () => {
    expect(messageInWords('colour', 'property colour should not exist')).toBe(
      'This request does not take "colour": leave it out',
    );
  });

  it('leaves a message already in words alone', () => {
    expect(messageInWords('sentOn', 'Enter the date it was sent')).toBe(
      'Enter the date it was sent',
    );
  });
});
