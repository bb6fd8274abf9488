import { emailsOf, parseAdminSettings, rolesOf, settingProblem } from '../../../src/core/settings';

describe('roles from Inställningar', () => {
  test('addresses typed in any case and with any separators name the same people', () => {
    const { settings } = parseAdminSettings([
      ['Ekonomi', ' Eko@Stockholm.SE ;EKO2@stockholm.se,\n eko3@Stockholm.se '],
      ['Styrgrupp', 'SG@stockholm.se'],
      ['Administratörer', 'Admin@Stockholm.se'],
    ]);
    expect(settings.roles.ekonomi).toEqual(['eko@stockholm.se', 'eko2@stockholm.se', 'eko3@stockholm.se']);
    expect(rolesOf(settings, 'eko@stockholm.se')).toEqual(['ekonomi']);
    expect(rolesOf(settings, 'sg@stockholm.se')).toEqual(['styrgrupp']);
    expect(settings.admins).toEqual(['admin@stockholm.se']);
    expect(rolesOf(settings, 'someone@stockholm.se')).toEqual([]);
  });

  test('emailsOf drops empty parts', () => {
    expect(emailsOf(' ; , ')).toEqual([]);
    expect(emailsOf('A@B.se')).toEqual(['a@b.se']);
  });

  test('a setting problem names the key and the bad part', () => {
    expect(settingProblem('Ekonomi', 'eko@stockholm.se, nej')?.sv).toBe('Ekonomi: "nej" är ingen giltig e-postadress.');
    expect(settingProblem('Registrator', 'a@b.se, c@d.se')?.sv).toBe('Registrator: ange en adress.');
    expect(settingProblem('Påhittad', 'x')?.sv).toBe('Okänd inställning "Påhittad".');
  });
});
