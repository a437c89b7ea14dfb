package store

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/cayleygraph/quad"
)

// parsedLine is a quad an import read, or the error reading it.
type parsedLine struct {
	q    quad.Quad
	line int
	err  error
}

// importBatch is how many lines an import parses as one batch.
const importBatch = 1024

// lineBatch is a run of input lines in file order, parsed by one worker.
type lineBatch struct {
	data  []byte // the lines, back to back
	ends  []int  // the end of each line in data
	long  []bool // the line was longer than the limit (its bytes dropped)
	first int    // the number of the first line
	err   error  // a read error after the last line
	out   chan []parsedLine
}

// parsePipe splits a Reader's input into batches of lines, parses them on
// several goroutines, and hands them back in file order.
type parsePipe struct {
	order chan *lineBatch
	wg    sync.WaitGroup
}

// parseConcurrently starts reading qr. Closing done stops it early; wait
// returns once it has stopped reading.
func parseConcurrently(qr *Reader, done <-chan struct{}) *parsePipe {
	workers := min(max(runtime.GOMAXPROCS(0), 1), 4)
	p := &parsePipe{order: make(chan *lineBatch, 2*workers)}
	work := make(chan *lineBatch, workers)
	p.wg.Add(1 + workers)
	go func() {
		defer p.wg.Done()
		defer close(work)
		defer close(p.order)
		splitLines(qr, work, p.order, done)
	}()
	for i := 0; i < workers; i++ {
		go func() {
			defer p.wg.Done()
			for b := range work {
				b.out <- b.parse(qr)
			}
		}()
	}
	return p
}

// next returns the next batch of parsed lines, in file order; ok is false
// at the end or once done is closed.
func (p *parsePipe) next(done <-chan struct{}) ([]parsedLine, bool) {
	select {
	case b, ok := <-p.order:
		if !ok {
			return nil, false
		}
		select {
		case lines := <-b.out:
			return lines, true
		case <-done:
			return nil, false
		}
	case <-done:
		return nil, false
	}
}

func (p *parsePipe) wait() { p.wg.Wait() }

// splitLines reads qr's lines into batches, each sent both to order (for
// the consumer, in file order) and to work (for a parser), until the end
// of the input, its first read error, or done.
func splitLines(qr *Reader, work, order chan<- *lineBatch, done <-chan struct{}) {
	b := &lineBatch{first: qr.line + 1}
	send := func() bool {
		b.out = make(chan []parsedLine, 1)
		select {
		case order <- b:
		case <-done:
			return false
		}
		select {
		case work <- b:
		case <-done:
			return false
		}
		return true
	}
	for {
		line, tooLong, err := qr.readLine()
		if err != nil && err != io.EOF {
			b.err = fmt.Errorf("%s:%d: %w", qr.name, qr.line+1, err)
		}
		if err != nil && len(line) == 0 && !tooLong {
			send()
			return
		}
		qr.line++
		b.add(line, tooLong)
		if err != nil {
			send()
			return
		}
		if len(b.ends) == importBatch {
			if !send() {
				return
			}
			b = &lineBatch{first: qr.line + 1}
		}
	}
}

func (b *lineBatch) add(line []byte, tooLong bool) {
	if tooLong {
		line = nil
	}
	b.data = append(b.data, line...)
	b.ends = append(b.ends, len(b.data))
	b.long = append(b.long, tooLong)
}

// parse parses the batch's lines as qr would, skipping blank lines and
// comments, and ends with the batch's read error if it has one.
func (b *lineBatch) parse(qr *Reader) []parsedLine {
	out := make([]parsedLine, 0, len(b.ends)+1)
	start := 0
	for i, end := range b.ends {
		n := b.first + i
		line := b.data[start:end]
		start = end
		if b.long[i] {
			out = append(out, parsedLine{line: n, err: qr.tooLong(n)})
			continue
		}
		q, skip, err := qr.parseLine(line, n)
		switch {
		case skip:
		case err != nil:
			out = append(out, parsedLine{line: n, err: err})
		default:
			out = append(out, parsedLine{q: q, line: n})
		}
	}
	if b.err != nil {
		out = append(out, parsedLine{line: b.first + len(b.ends), err: b.err})
	}
	return out
}
