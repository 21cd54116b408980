/**
 * PL/SQL grammar: the rule interface and its assembly. The rules live in plsql-units.ts (CREATE
 * … units and anonymous blocks), plsql-decl.ts (headings, parameters, types, declarations) and
 * plsql-statements.ts (blocks and statements); plsql-helpers.ts has the shared token helpers.
 */
import type { OraName, QualifiedName } from '../ast/common.js';
import type { DataType, Expr } from '../ast/expr.js';
import type {
  BindArg,
  Block,
  CompoundTrigger,
  Declaration,
  ExceptionHandler,
  Param,
  PlStatement,
  PlsqlUnitAst,
  Subprogram,
  TypeDefinition,
  TimingPoint,
  TypeMethod,
  TypeMethodSpec,
} from '../ast/plsql.js';
import type { Query, SelectQuery } from '../ast/query.js';
import type { $ } from './base.js';
import type { DmlRules } from './dml.js';
import { definePlsqlDeclRules } from './plsql-decl.js';
import { definePlsqlStatementRules } from './plsql-statements.js';
import { definePlsqlUnitRules } from './plsql-units.js';

export interface PlsqlRules {
  createSubprogramUnit: () => PlsqlUnitAst;
  createTriggerUnit: () => PlsqlUnitAst;
  timingPoint: () => TimingPoint;
  compoundSection: () => CompoundTrigger['sections'][number];
  createPackageUnit: () => PlsqlUnitAst;
  createPackageBodyUnit: () => PlsqlUnitAst;
  anonymousBlockUnit: () => PlsqlUnitAst;
  createTypeUnit: () => PlsqlUnitAst;
  createTypeBodyUnit: () => PlsqlUnitAst;
  typeMethod: () => TypeMethod;
  typeMethodHeader: () => TypeMethodSpec;
  createPrefix: () => void;
  subprogramHeading: () => Subprogram;
  subprogramDecl: () => Subprogram;
  paramList: () => Param[];
  param: () => Param;
  plType: () => DataType;
  declarations: () => Declaration[];
  declaration: () => Declaration[];
  ccDeclaration: () => Declaration;
  ccStatement: () => PlStatement;
  typeDefinition: () => TypeDefinition;
  block: () => Block;
  blockBody: () => Omit<Block, 'declarations'>;
  statements: () => PlStatement[];
  statement: () => PlStatement;
  handler: () => ExceptionHandler;
  ifStatement: () => PlStatement;
  caseStatement: () => PlStatement;
  loopStatement: () => PlStatement;
  forStatement: () => PlStatement;
  forallStatement: () => PlStatement;
  exitStatement: () => PlStatement;
  openStatement: () => PlStatement;
  fetchStatement: () => PlStatement;
  executeImmediate: () => PlStatement;
  bindArgs: () => BindArg[];
  assignOrCall: () => PlStatement;
  sqlStatement: () => PlStatement;
  label: () => OraName;
  endLoop: () => void;
  intoTargets: () => Expr[];
}

export type P = $ & DmlRules & PlsqlRules;

export function definePlsqlRules($: P): void {
  definePlsqlUnitRules($);
  definePlsqlDeclRules($);
  definePlsqlStatementRules($);
}

export type { QualifiedName, Query, SelectQuery };
