import { describe, expect, it } from 'vitest'
import { ScoreBoard } from '../../../../src/main/services/search/scoreBoard'

describe('ScoreBoard', () => {
  it('adds up scores and gives the k best, best first, ties to the lower id', () => {
    const board = new ScoreBoard()
    board.ensure(10)
    board.add([1, 2, 3], 1)
    board.add([3, 5], 2)
    board.add([7], 1)
    expect(board.take(3)).toEqual([
      { id: 3, score: 3 },
      { id: 5, score: 2 },
      { id: 1, score: 1 },
    ])
    // Taking clears the board for the next query.
    expect(board.take(3)).toEqual([])
  })

  it('keeps the best of a group of alternatives rather than their sum', () => {
    const board = new ScoreBoard()
    board.ensure(4)
    board.add([0, 1], 1)
    board.addBest([1, 2], 2)
    board.addBest([1], 5)
    board.closeGroup()
    expect(board.peek(5)).toEqual([
      { id: 1, score: 6 },
      { id: 2, score: 2 },
      { id: 0, score: 1 },
    ])
  })

  it('grows to hold any passage id, keeping scores', () => {
    const board = new ScoreBoard()
    board.add([3], 1)
    board.ensure(100_000)
    board.add([99_999, 3], 1)
    expect(board.take(2)).toEqual([
      { id: 3, score: 2 },
      { id: 99_999, score: 1 },
    ])
  })
})
