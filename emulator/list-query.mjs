// The paging and ordering parameters of ListInstanceSnapshot and ListInstances.
import { apiError } from './api-errors.mjs'

export const DEFAULT_PAGE_SIZE = 10

/**
 * @typedef {object} ListQuery
 * @property {number} pageNumber from 1
 * @property {number} pageSize
 * @property {'ASC' | 'DESC'} order by creation time
 */

/**
 * @param {Record<string, string>} query decoded parameters
 * @param {number} maxPageSize Infinity for none
 * @param {readonly string[]} [sortKeys] the SortBy values accepted
 * @returns {ListQuery | { error: import('./api-errors.mjs').ApiError }}
 */
export function parseListQuery(query, maxPageSize, sortKeys = ['gmtCreate']) {
  const pageNumber = positiveInteger(query.PageNumber, 1)
  if (pageNumber === undefined) return invalid('PageNumber must be a positive integer.')
  const pageSize = positiveInteger(query.PageSize, DEFAULT_PAGE_SIZE)
  if (pageSize === undefined || pageSize > maxPageSize) {
    return invalid(
      maxPageSize === Infinity
        ? 'PageSize must be a positive integer.'
        : `PageSize must be an integer from 1 to ${maxPageSize}.`
    )
  }
  if (query.SortBy !== undefined && !sortKeys.includes(query.SortBy)) {
    const choices = sortKeys.length > 1 ? `${sortKeys.slice(0, -1).join(', ')} or ` : ''
    return invalid(`SortBy "${query.SortBy}" is not supported; use ${choices}${sortKeys.at(-1)}.`)
  }
  const order = (query.Order ?? 'DESC').toUpperCase()
  if (order !== 'ASC' && order !== 'DESC') return invalid('Order must be ASC or DESC.')
  return { pageNumber, pageSize, order }
}

/**
 * @param {string | undefined} text
 * @param {number} fallback when the parameter is absent
 */
function positiveInteger(text, fallback) {
  if (text === undefined) return fallback
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined
}

/** @param {string} message */
function invalid(message) {
  return { error: apiError('ValidationError', { message }) }
}
