import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  connectOracle,
  explainOracleError,
  loadDriver,
  OracleConnectError,
  OracleTargetError,
  OUT_FORMAT_OBJECT,
  parseOracleTarget,
  resolvePassword,
} from '../src/source/oracle/connection.js';
import { FakeOracleConnection, fakeDriver, njsError, oraError } from './oracle-fake.js';

const SECRET = 'p@ss-W0rd-never-shown';

describe('--oracle connect strings', () => {
  it('reads service names, SIDs, TLS, aliases and descriptors', () => {
    expect(parseOracleTarget('hr@db1:1521/ORCLPDB1')).toMatchObject({
      user: 'hr',
      host: 'db1',
      port: 1521,
      service: 'ORCLPDB1',
      connectString: 'db1:1521/ORCLPDB1',
      display: 'hr@db1:1521/ORCLPDB1',
    });
    expect(parseOracleTarget('hr@db1/orcl.example.com').connectString).toBe('db1:1521/orcl.example.com');
    expect(parseOracleTarget('system@10.0.0.5:1522:ORCL')).toMatchObject({
      sid: 'ORCL',
      connectString:
        '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=10.0.0.5)(PORT=1522))(CONNECT_DATA=(SID=ORCL)))',
      display: 'system@10.0.0.5:1522:ORCL',
    });
    expect(parseOracleTarget('hr@tcps://adb.example.com/svc_high').connectString).toBe(
      'tcps://adb.example.com:2484/svc_high',
    );
    expect(parseOracleTarget('hr@[::1]:1521/XEPDB1')).toMatchObject({
      host: '::1',
      connectString: '[::1]:1521/XEPDB1',
    });
    expect(parseOracleTarget('hr@PRODDB')).toMatchObject({ connectString: 'PRODDB', display: 'hr@PRODDB' });
    expect(parseOracleTarget('hr@(DESCRIPTION=(ADDRESS=(HOST=x)))').display).toBe('hr@(descriptor)');
  });

  it('refuses a password on the command line, and says where it goes instead', () => {
    expect(() => parseOracleTarget(`hr/${SECRET}@db1:1521/ORCL`)).toThrow(OracleTargetError);
    try {
      parseOracleTarget(`hr/${SECRET}@db1:1521/ORCL`);
    } catch (err) {
      expect((err as Error).message).toContain('ORAPG_ORACLE_PASSWORD');
      expect((err as Error).message).not.toContain(SECRET);
    }
    expect(() => parseOracleTarget('db1:1521/ORCL')).toThrow(/user@host/);
  });
});

describe('driver errors become messages that say what to check', () => {
  const target = parseOracleTarget('migrator@db1:1521/ORCLPDB1');
  const cases: [string, unknown, string, RegExp][] = [
    [
      'wrong password',
      oraError(1017, 'invalid credential or not authorized; logon denied'),
      'auth',
      /ORA-01017: Oracle refused user migrator.*ORAPG_ORACLE_PASSWORD/,
    ],
    ['locked account', oraError(28000, 'The account is locked.'), 'locked', /locked/],
    [
      'unknown service (thick)',
      oraError(12514, 'TNS:listener does not currently know of service requested'),
      'service',
      /ORA-12514: the listener at db1:1521 does not know service "ORCLPDB1"/,
    ],
    [
      'unknown service (thin)',
      njsError(
        518,
        'cannot connect to Oracle Database. Service "ORCLPDB1" is not registered with the listener at host db1 port 1521. (CONNECTION_ID=abc)',
      ),
      'service',
      /ORA-12514: the listener at db1:1521 does not know service "ORCLPDB1"/,
    ],
    [
      'no listener (thick)',
      oraError(12541, 'TNS:no listener'),
      'listener',
      /ORA-12541: no listener at db1:1521/,
    ],
    [
      'no listener (thin)',
      njsError(
        503,
        'connection to host db1 port 1521 could not be established. (CONNECTION_ID=abc)\nconnect ECONNREFUSED 10.0.0.5:1521',
      ),
      'listener',
      /ORA-12541: no listener at db1:1521 \(connection refused\)/,
    ],
    [
      'connect timeout (thin)',
      njsError(
        510,
        'connection to host db1 port 1521 timed out. Request exceeded "connectTimeout" of 20 seconds. (CONNECTION_ID=abc)',
      ),
      'timeout',
      /Timed out talking to db1:1521.*--connect-timeout/,
    ],
    ['connect timeout (thick)', oraError(12170, 'TNS:Connect timeout occurred'), 'timeout', /Timed out/],
    [
      'call timeout',
      Object.assign(new Error('NJS-123: call timeout of 5000 ms exceeded'), { code: 'NJS-123' }),
      'timeout',
      /--call-timeout/,
    ],
    [
      'unknown host',
      Object.assign(new Error('getaddrinfo ENOTFOUND db1'), { code: 'ENOTFOUND' }),
      'host',
      /cannot be resolved/,
    ],
    [
      'Oracle 11g',
      njsError(
        138,
        'connections to this database server version are not supported by node-oracledb in Thin mode',
      ),
      'version',
      /older than 12\.1/,
    ],
  ];
  for (const [what, err, kind, message] of cases)
    it(what, () => {
      const e = explainOracleError(err, target, [SECRET]);
      expect(e).toBeInstanceOf(OracleConnectError);
      expect(e.kind).toBe(kind);
      expect(e.message).toMatch(message);
    });

  it('keeps a password out of messages even if a driver echoed it', () => {
    const e = explainOracleError(new Error(`ORA-99999: weird failure for ${SECRET}`), target, [SECRET]);
    expect(e.message).not.toContain(SECRET);
    expect(e.message).toContain('***');
  });
});

describe('connecting through the driver', () => {
  const target = parseOracleTarget('migrator@db1:1521/ORCLPDB1');

  it('passes TLS, wallet and timeout options through and sets the call timeout', async () => {
    const conn = new FakeOracleConnection({});
    const driver = fakeDriver(() => conn);
    await connectOracle(
      target,
      {
        password: SECRET,
        configDir: '/etc/tns',
        walletLocation: '/wallet',
        walletPassword: 'w',
        sslServerCertDN: 'CN=db1',
        sslServerDNMatch: true,
        connectTimeout: 7,
        callTimeout: 60000,
      },
      driver,
    );
    expect(driver.calls).toEqual([
      {
        user: 'migrator',
        password: SECRET,
        connectString: 'db1:1521/ORCLPDB1',
        configDir: '/etc/tns',
        walletLocation: '/wallet',
        walletPassword: 'w',
        sslServerDNMatch: true,
        sslServerCertDN: 'CN=db1',
        connectTimeout: 7,
      },
    ]);
    expect((conn as unknown as { callTimeout: number }).callTimeout).toBe(60000);
  });

  it('maps connect and query errors, without the password', async () => {
    const refused = fakeDriver(() => oraError(1017, 'invalid credential or not authorized; logon denied'));
    const err = await connectOracle(target, { password: SECRET }, refused).catch((e) => e);
    expect(err).toBeInstanceOf(OracleConnectError);
    expect(err.kind).toBe('auth');
    expect(String(err.message) + String(err.stack)).not.toContain(SECRET);
    const broken = fakeDriver(
      () =>
        new FakeOracleConnection(
          {},
          { failAll: njsError(500, 'connection to Oracle Database was closed or broken') },
        ),
    );
    const conn = await connectOracle(target, { password: SECRET }, broken);
    await expect(conn.execute('/* orapg:session */ SELECT 1 FROM DUAL')).rejects.toMatchObject({
      code: 'NJS-500',
    });
  });

  it('uses the real oracledb module in thin mode, with the output format constant it defines', async () => {
    const d = (await loadDriver()) as unknown as {
      OUT_FORMAT_OBJECT: number;
      thin: boolean;
      getConnection: unknown;
    };
    expect(d.OUT_FORMAT_OBJECT).toBe(OUT_FORMAT_OBJECT);
    expect(d.thin).toBe(true);
    expect(typeof d.getConnection).toBe('function');
  });
});

describe('the password comes from the environment or a prompt', () => {
  const target = parseOracleTarget('migrator@db1:1521/ORCLPDB1');
  it('prefers ORAPG_ORACLE_PASSWORD', async () => {
    expect(await resolvePassword(target, { env: { ORAPG_ORACLE_PASSWORD: SECRET } })).toBe(SECRET);
  });
  it('refuses to wait on a pipe', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    await expect(resolvePassword(target, { env: {}, input })).rejects.toThrow(/set ORAPG_ORACLE_PASSWORD/);
  });
  it('prompts on a terminal without echoing what is typed', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d) => (shown += String(d)));
    const p = resolvePassword(target, { env: {}, input, output });
    input.write(`${SECRET}\n`);
    expect(await p).toBe(SECRET);
    expect(shown).toContain('Password for migrator@db1:1521/ORCLPDB1: ');
    expect(shown).not.toContain(SECRET);
  });
});
