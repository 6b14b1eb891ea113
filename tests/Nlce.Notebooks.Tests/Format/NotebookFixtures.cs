namespace Nlce.Notebooks.Tests.Format;

/// <summary>Notebook texts as Jupyter and Polyglot Notebooks write them.</summary>
public static class NotebookFixtures
{
    /// <summary>
    /// Written by nbformat (Python json.dumps with indent=1, sort_keys, ensure_ascii=False, final newline) with
    /// Polyglot's C# metadata: unicode, escapes, a control character, floats in exponent form, every output type,
    /// a JSON mime type, a raw cell with string source and attachments.
    /// </summary>
    public const string JupyterWritten = """
{
 "cells": [
  {
   "cell_type": "markdown",
   "id": "a1b2c3d4",
   "metadata": {},
   "source": [
    "# Fig. 4 — robustness\n",
    "Ünïcødé ✓ and \"quotes\" <b>&</b>\ttab"
   ]
  },
  {
   "cell_type": "code",
   "execution_count": 3,
   "id": "e5f6a7b8",
   "metadata": {
    "dotnet_interactive": {
     "language": "csharp"
    },
    "papermill": {
     "duration": 1.5e-05,
     "status": "completed"
    },
    "polyglot_notebook": {
     "kernelName": "csharp"
    },
    "vscode": {
     "languageId": "polyglot-notebook"
    }
   },
   "outputs": [
    {
     "name": "stdout",
     "output_type": "stream",
     "text": [
      "step 1\n",
      "done\u001b[0m\n"
     ]
    },
    {
     "data": {
      "application/vnd.plotly.v1+json": {
       "data": [
        {
         "x": [
          0.0,
          1.0
         ],
         "y": [
          0.9,
          0.85
         ]
        }
       ],
       "layout": {}
      },
      "image/png": "iVBORw0KGgo=",
      "text/plain": [
       "a\n",
       "b"
      ]
     },
     "metadata": {},
     "output_type": "display_data"
    },
    {
     "data": {
      "text/plain": [
       "42"
      ]
     },
     "execution_count": 3,
     "metadata": {},
     "output_type": "execute_result"
    },
    {
     "ename": "System.Exception",
     "evalue": "oops",
     "output_type": "error",
     "traceback": [
      "System.Exception: oops",
      "   at Submission#3"
     ]
    }
   ],
   "source": [
    "var x = 1e-5;\n",
    "display(x)"
   ]
  },
  {
   "attachments": {},
   "cell_type": "raw",
   "id": "c0ffee00",
   "metadata": {
    "tags": [
     "raw-tag"
    ]
   },
   "source": "raw text"
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": ".NET (C#)",
   "language": "C#",
   "name": ".net-csharp"
  },
  "language_info": {
   "name": "polyglot-notebook"
  },
  "polyglot_notebook": {
   "kernelInfo": {
    "defaultKernelName": "csharp",
    "items": [
     {
      "aliases": [],
      "name": "csharp"
     }
    ]
   }
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}

""";

    /// <summary>
    /// As VS Code's Polyglot extension saves a C# notebook (research notes §1.2): its own key order (not sorted), the
    /// legacy and current kernel metadata on code cells, <c>vscode.languageId</c>, 8-hex cell ids, and
    /// <c>language_info.name</c> "C#" with the extra fields; <paramref name="newLine"/> and the final newline vary.
    /// </summary>
    public static string PolyglotWritten(string newLine, bool finalNewLine)
    {
        const string text = """
{
 "cells": [
  {
   "cell_type": "markdown",
   "metadata": {},
   "source": [
    "# Robustness sweep\n",
    "\n",
    "Runs FGSM on the phantom set."
   ]
  },
  {
   "cell_type": "code",
   "execution_count": null,
   "metadata": {
    "dotnet_interactive": {
     "language": "csharp"
    },
    "polyglot_notebook": {
     "kernelName": "csharp"
    },
    "tags": [
     "parameters"
    ],
    "vscode": {
     "languageId": "polyglot-notebook"
    }
   },
   "source": [
    "int epochs = 2;\n",
    "double epsilon = 8.0;"
   ],
   "outputs": [],
   "id": "3f2a9c01"
  },
  {
   "cell_type": "code",
   "execution_count": 2,
   "metadata": {
    "dotnet_interactive": {
     "language": "csharp"
    },
    "polyglot_notebook": {
     "kernelName": "csharp"
    },
    "vscode": {
     "languageId": "polyglot-notebook"
    }
   },
   "source": [
    "#r \"nuget: Plotly.NET\"\n",
    "Console.WriteLine(epochs * epsilon);"
   ],
   "outputs": [
    {
     "output_type": "display_data",
     "data": {
      "text/plain": [
       "16\r\n"
      ]
     },
     "metadata": {}
    }
   ],
   "id": "77b10e4d"
  }
 ],
 "metadata": {
  "kernelspec": {
   "display_name": ".NET (C#)",
   "language": "C#",
   "name": ".net-csharp"
  },
  "language_info": {
   "file_extension": ".cs",
   "mimetype": "text/x-csharp",
   "name": "C#",
   "pygments_lexer": "csharp",
   "version": "13.0"
  },
  "polyglot_notebook": {
   "kernelInfo": {
    "defaultKernelName": "csharp",
    "items": [
     {
      "aliases": [],
      "name": "csharp"
     }
    ]
   }
  }
 },
 "nbformat": 4,
 "nbformat_minor": 5
}
""";
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        if (newLine != "\n")
            body = body.Replace("\n", newLine, StringComparison.Ordinal);
        return finalNewLine ? body + newLine : body;
    }
}
