import type { ExpectationDefinition } from './definition';
import {
  expectColumnDistinctValuesToBeInSet,
  expectColumnMaxToBeBetween,
  expectColumnMeanToBeBetween,
  expectColumnMinToBeBetween,
} from './aggregates';
import { expectRowsToBeWellFormed } from './structure';
import {
  expectColumnToExist,
  expectTableColumnCountToEqual,
  expectTableColumnsToMatchSet,
  expectTableRowCountToBeBetween,
} from './table';
import {
  expectColumnValueLengthsToBeBetween,
  expectColumnValuesToMatchRegex,
  expectColumnValuesToMatchStrftimeFormat,
  expectColumnValuesToNotMatchRegex,
} from './text';
import {
  expectColumnProportionOfUniqueValuesToBeBetween,
  expectColumnValuesToBeUnique,
  expectCompoundColumnsToBeUnique,
  expectSelectColumnValuesToBeUniqueWithinRecord,
} from './uniqueness';
import {
  expectColumnValuesToBeBetween,
  expectColumnValuesToBeInSet,
  expectColumnValuesToBeOfType,
  expectColumnValuesToNotBeNull,
} from './values';

export type { ExpectationDefinition, Header, Check, Judgement } from './definition';

/** Forgets a definition's argument type: the registry hands kwargs parsed by the definition's own schema back to it. */
const erase = <K>(definition: ExpectationDefinition<K>) => definition as unknown as ExpectationDefinition;

const all: ExpectationDefinition[] = [
  erase(expectColumnToExist),
  erase(expectTableColumnsToMatchSet),
  erase(expectTableColumnCountToEqual),
  erase(expectTableRowCountToBeBetween),
  erase(expectRowsToBeWellFormed),
  erase(expectColumnValuesToNotBeNull),
  erase(expectColumnValuesToBeInSet),
  erase(expectColumnValuesToBeBetween),
  erase(expectColumnValuesToBeOfType),
  erase(expectColumnValuesToMatchRegex),
  erase(expectColumnValuesToNotMatchRegex),
  erase(expectColumnValueLengthsToBeBetween),
  erase(expectColumnValuesToMatchStrftimeFormat),
  erase(expectColumnValuesToBeUnique),
  erase(expectCompoundColumnsToBeUnique),
  erase(expectSelectColumnValuesToBeUniqueWithinRecord),
  erase(expectColumnProportionOfUniqueValuesToBeBetween),
  erase(expectColumnMeanToBeBetween),
  erase(expectColumnMinToBeBetween),
  erase(expectColumnMaxToBeBetween),
  erase(expectColumnDistinctValuesToBeInSet),
];

/** Every expectation type Contrail knows, by its Great Expectations name. */
export const EXPECTATIONS: ReadonlyMap<string, ExpectationDefinition> = new Map(
  all.map((definition) => [definition.type, definition]),
);
