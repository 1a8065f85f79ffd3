/**
 * The completion scripts `hookbench completion <shell>` prints. Each one is a thin wrapper: on
 * Tab it runs `hookbench completion --complete -- <words typed so far>` and shows the answer
 * (candidates.ts), so the scripts never go stale when commands or options change.
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const ASK = 'hookbench completion --complete --';

const BASH = `# hookbench completion for bash. Install: hookbench completion bash > ~/.local/share/bash-completion/completions/hookbench
_hookbench() {
  local cur=\${COMP_WORDS[COMP_CWORD]} IFS=$'\\n' out kind
  out=$(${ASK} "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  kind=\${out%%$'\\n'*}
  case $kind in
    files) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    dirs) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    *) COMPREPLY=($(printf '%s\\n' "$out" | tail -n +2 | cut -f1)) ;;
  esac
}
complete -F _hookbench hookbench
`;

const ZSH = `#compdef hookbench
# hookbench completion for zsh. Install: hookbench completion zsh > "\${fpath[1]}/_hookbench" (then restart zsh)
_hookbench() {
  local -a lines described
  local line
  lines=("\${(@f)$(${ASK} "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  case \${lines[1]} in
    files) _files; return ;;
    dirs) _files -/; return ;;
  esac
  for line in "\${(@)lines[2,-1]}"; do
    [[ -n $line ]] || continue
    if [[ $line == *$'\\t'* ]]; then
      described+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
    else
      described+=("\${line//:/\\\\:}")
    fi
  done
  _describe 'hookbench' described
}
if [[ $funcstack[1] == _hookbench ]]; then _hookbench "$@"; else compdef _hookbench hookbench; fi
`;

const FISH = `# hookbench completion for fish. Install: hookbench completion fish > ~/.config/fish/completions/hookbench.fish
function __hookbench_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l out (${ASK} $words[2..-1] 2>/dev/null)
    switch "$out[1]"
        case files
            __fish_complete_path (commandline -ct)
        case dirs
            __fish_complete_directories (commandline -ct)
        case '*'
            printf '%s\\n' $out[2..-1]
    end
end
complete -c hookbench -f -a '(__hookbench_complete)'
`;

export const COMPLETION_SCRIPTS: Record<Shell, string> = { bash: BASH, zsh: ZSH, fish: FISH };
