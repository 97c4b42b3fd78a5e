import { clientErrorAnswer } from './client-error';

describe('clientErrorAnswer', () => {
  it.each([
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'HTTP.REQUEST_TIMEOUT'],
    ['HPE_HEADER_OVERFLOW', 431, 'HTTP.HEADERS_TOO_LARGE'],
    ['HPE_INVALID_METHOD', 400, 'HTTP.BAD_REQUEST'],
    [undefined, 400, 'HTTP.BAD_REQUEST'],
  ])('answers %s with %i {code: %s, message}', (code, status, answerCode) => {
    const answer = clientErrorAnswer({ code });
    expect(answer).toEqual({
      status,
      body: { code: answerCode, message: expect.any(String) as string },
    });
  });
});
