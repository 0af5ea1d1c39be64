-- Neovim's built-in LSP client (0.7 or later) against `galley lsp`, headless: open a draft,
-- wait for galley's diagnostic, check that it sits under the misspelt word (so that the
-- UTF-16 columns the server sends land on the right bytes after non-ASCII text), apply the
-- quick fix through the code action menu a user would see, check the text, and wait for the
-- diagnostic to go. Run by scripts/nvim-lsp-check.sh, which sets GALLEY_BIN and GALLEY_DRAFT.
-- Any failure ends Neovim with status 1 and a line on standard error.

local function say(msg)
  io.stdout:write('nvim-lsp-check: ' .. msg .. '\n')
end

local function check(cond, msg)
  if not cond then
    error(msg, 0)
  end
end

local function run()
  local bin = assert(os.getenv('GALLEY_BIN'), 'GALLEY_BIN is not set')
  local draft = assert(os.getenv('GALLEY_DRAFT'), 'GALLEY_DRAFT is not set')
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local buf = vim.api.nvim_get_current_buf()
  local logs = {}
  local client_id = vim.lsp.start_client({
    name = 'galley',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(draft, ':h'),
    handlers = {
      ['window/logMessage'] = function(_, result)
        table.insert(logs, result.message)
      end,
    },
  })
  check(client_id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, client_id)

  local published = vim.wait(30000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  check(published, 'no diagnostic from galley within 30 s; log: ' .. table.concat(logs, ' | '))
  local diags = vim.diagnostic.get(buf)
  check(#diags == 1, 'expected one diagnostic, got ' .. #diags)
  local d = diags[1]
  check(d.source == 'galley', 'source is ' .. tostring(d.source))
  check(d.code == 'dropped-suffix', 'code is ' .. tostring(d.code))
  check(d.severity == vim.diagnostic.severity.ERROR, 'severity is ' .. tostring(d.severity))
  -- Neovim turns the server's UTF-16 columns into byte columns of the buffer's line.
  local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  local under = line:sub(d.col + 1, d.end_col)
  check(d.lnum == 2 and under == 'reporte',
    string.format('the diagnostic is under %q (line %d, bytes %d-%d), not under "reporte"',
      under, d.lnum + 1, d.col, d.end_col))
  say(string.format('diagnostic under %q on line %d: %s', under, d.lnum + 1,
    d.message:gsub('\n', ' / ')))

  -- The code action menu, answered as a user would: pick the preferred fix.
  local offered = {}
  vim.ui.select = function(items, _, on_choice)
    for _, item in ipairs(items) do
      table.insert(offered, item[2].title)
    end
    for i, item in ipairs(items) do
      if item[2].isPreferred then
        return on_choice(item, i)
      end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col + 2 })
  vim.lsp.buf.code_action()
  local want = line:sub(1, d.col) .. 'reported' .. line:sub(d.end_col + 1)
  local fixed = vim.wait(30000, function()
    return vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1] == want
  end, 50)
  check(fixed, 'the quick fix was not applied; offered: ' .. table.concat(offered, ', ')
    .. '; line 3 reads: ' .. vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1])
  check(#offered == 1 and offered[1] == "write 'reported'",
    'offered: ' .. table.concat(offered, ', '))
  say('quick fix applied: ' .. want)

  local cleared = vim.wait(30000, function()
    return #vim.diagnostic.get(buf) == 0
  end, 50)
  check(cleared, 'the diagnostic stayed after the fix')
  say('diagnostics cleared after the fix')

  vim.lsp.stop_client(client_id)
  vim.wait(10000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 50)
end

local ok, err = pcall(run)
if ok then
  say('ok')
  vim.cmd('qall!')
else
  io.stderr:write('nvim-lsp-check: FAILED: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
